import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../local/lambda-context.mjs';
import { httpErrors } from '../../shared/http/error-response.ts';
import { json } from '../../shared/http/responses.ts';
import { throughEdge } from '../../shared/http/through-edge.ts';
import { logger } from '../../shared/logger.ts';

const secret = `${'q'.repeat(20)}origin-secret-of-this-stage-0123456789`;
const event = (headers: Record<string, string>) =>
  ({
    headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...headers },
    requestContext: { http: { method: 'POST', sourceIp: '130.176.0.7' } },
  }) as unknown as APIGatewayProxyEventV2;

/** What the handler saw of the request, behind the check as every HTTP function has it. */
const behind = (originSecret: string | undefined) => {
  const seen: APIGatewayProxyEventV2[] = [];
  const handler = middy(async (e: APIGatewayProxyEventV2) => {
    seen.push(structuredClone(e));
    return json(200, { ok: true });
  })
    .use(throughEdge(originSecret ? async () => new TextEncoder().encode(originSecret) : undefined))
    .use(httpErrors(logger));
  return { seen, call: (e: APIGatewayProxyEventV2) => handler(e, lambdaContext('Test')) };
};

describe('the origin check, where CloudFront stands in front', () => {
  it('refuses with 403 a request without the origin secret, or with another, before the handler runs', async () => {
    const { seen, call } = behind(secret);
    for (const headers of [
      {} as Record<string, string>,
      { 'x-origin-verify': '' },
      { 'x-origin-verify': secret.slice(0, -1) },
      { 'x-origin-verify': `${secret.slice(0, -1)}X` },
      { 'x-origin-verify': `${secret} ` },
      // What CloudFront would say, said by someone else: not believed.
      { 'cloudfront-viewer-address': '198.51.100.10:46532', 'x-forwarded-host': 'evil.example' },
    ]) {
      const answer = await call(event(headers));
      expect(answer.statusCode, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'NotThroughEdge', message: expect.any(String) });
    }
    expect(seen).toEqual([]);
  });

  it('reads a request that came through CloudFront as the viewer made it, without the secret', async () => {
    const { seen, call } = behind(secret);
    const answer = await call(
      event({
        'x-origin-verify': secret,
        'cloudfront-viewer-address': '198.51.100.10:46532',
        'x-forwarded-host': 'nominations.metlib.example.org',
      }),
    );
    expect(answer.statusCode).toBe(200);
    expect(seen[0]?.requestContext.http.sourceIp).toBe('198.51.100.10');
    expect(seen[0]?.headers.host).toBe('nominations.metlib.example.org');
    expect(seen[0]?.headers).not.toHaveProperty('x-origin-verify');
  });

  it('takes the viewer address of IPv6 viewers without its port', async () => {
    const { seen, call } = behind(secret);
    for (const address of ['2001:db8:85a3::8a2e:370:7334:46532', '[2001:db8:85a3::8a2e:370:7334]:46532']) {
      await call(event({ 'x-origin-verify': secret, 'cloudfront-viewer-address': address }));
    }
    expect(seen.map((e) => e.requestContext.http.sourceIp)).toEqual([
      '2001:db8:85a3::8a2e:370:7334',
      '2001:db8:85a3::8a2e:370:7334',
    ]);
  });

  it('keeps the address API Gateway saw when CloudFront names none it can read', async () => {
    const { seen, call } = behind(secret);
    await call(event({ 'x-origin-verify': secret }));
    await call(event({ 'x-origin-verify': secret, 'cloudfront-viewer-address': 'not an address:1' }));
    expect(seen.map((e) => e.requestContext.http.sourceIp)).toEqual(['130.176.0.7', '130.176.0.7']);
  });
});

describe('the origin check, where nothing stands in front', () => {
  it('lets every request through as API Gateway gave it, believing no CloudFront header', async () => {
    const { seen, call } = behind(undefined);
    const answer = await call(
      event({ 'cloudfront-viewer-address': '198.51.100.10:46532', 'x-forwarded-host': 'evil.example' }),
    );
    expect(answer.statusCode).toBe(200);
    expect(seen[0]?.requestContext.http.sourceIp).toBe('130.176.0.7');
    expect(seen[0]?.headers.host).toBe('abc123.execute-api.eu-west-1.amazonaws.com');
  });
});
