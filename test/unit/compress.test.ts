import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../local/lambda-context.mjs';
import { ValidationError } from '../../shared/domain/errors.ts';
import { httpMiddlewares } from '../../shared/http/middlewares.ts';
import { type HttpResult, json, page } from '../../shared/http/responses.ts';

const event = (acceptEncoding?: string) =>
  ({
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  }) as unknown as APIGatewayProxyEventV2;
// As a function with a route gets it where no CloudFront stands in front (functions/environment.ts).
vi.stubEnv('EDGE_SECRET_ID', 'off');
afterAll(() => {
  vi.unstubAllEnvs();
});

const big = `<p>${'Nominate a candidate. '.repeat(200)}</p>`;

describe('compressed answers', () => {
  const handler = middy(async () => page(200, big)).use(httpMiddlewares());

  it('gzips a page for a client that accepts gzip, and says so', async () => {
    const result = await handler(event('gzip, deflate'), lambdaContext('Test'));
    expect(result.headers?.['content-encoding']).toBe('gzip');
    expect(result.headers?.vary).toBe('accept-encoding');
    expect(result.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(result.body, 'base64')).toString('utf8')).toBe(big);
  });

  it('prefers brotli where accepted, and sends as it is where nothing is', async () => {
    const br = await handler(event('gzip, br'), lambdaContext('Test'));
    expect(brotliDecompressSync(Buffer.from(br.body, 'base64')).toString('utf8')).toBe(big);
    const plain = await handler(event(), lambdaContext('Test'));
    expect(plain.headers?.['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(big);
  });

  it('leaves small answers alone, errors included', async () => {
    const small = await middy(async () => json(200, { ok: true })).use(httpMiddlewares())(
      event('gzip'),
      lambdaContext('Test'),
    );
    expect(small.body).toBe('{"ok":true}');
    const refused = await middy(async (): Promise<HttpResult> => {
      throw new ValidationError('Some answers need correcting');
    }).use(httpMiddlewares())(event('gzip'), lambdaContext('Test'));
    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body).error).toBe('ValidationError');
  });

  it('compresses an error page too, after the error is mapped to its status', async () => {
    const result = await middy(async (): Promise<HttpResult> => {
      throw new ValidationError('Some answers need correcting');
    }).use(httpMiddlewares({ errorPage: async () => big }))(event('gzip'), lambdaContext('Test'));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-encoding']).toBe('gzip');
    expect(gunzipSync(Buffer.from(result.body, 'base64')).toString('utf8')).toBe(big);
  });
});
