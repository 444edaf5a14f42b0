import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptedEncoding, staticFile } from '../../shared/http/responses.ts';

describe('a static file response', () => {
  it('takes the best encoding the request accepts, q-values included', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('*')).toBe('br');
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
  });

  it('compresses what is worth it, base64 as API Gateway takes bytes, the same bytes back', () => {
    const body = Buffer.from('console.log("staff");\n'.repeat(100));
    const br = staticFile(200, body, 'br', { 'content-type': 'text/javascript' });
    expect(br).toMatchObject({
      isBase64Encoded: true,
      headers: { 'content-encoding': 'br', vary: 'accept-encoding' },
    });
    expect(brotliDecompressSync(Buffer.from(br.body, 'base64'))).toEqual(body);
    const gzip = staticFile(200, body, 'gzip', {});
    expect(gunzipSync(Buffer.from(gzip.body, 'base64'))).toEqual(body);
    const tiny = staticFile(200, Buffer.from('{}'), 'br', {});
    expect(tiny.headers?.['content-encoding']).toBeUndefined();
    expect(Buffer.from(tiny.body, 'base64').toString()).toBe('{}');
  });
});

const event = (routeKey: string, pathParameters?: Record<string, string>) =>
  ({
    version: '2.0',
    routeKey,
    rawPath: routeKey.split(' ')[1],
    headers: { host: 'localhost:3000' },
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: { domainName: 'localhost:3000', http: { method: 'GET' } },
  }) as unknown as APIGatewayProxyEventV2;

const decoded = (result: { body: string }) => Buffer.from(result.body, 'base64').toString();

describe('RenderStaffConsole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-serving-'));
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Console</title>');
  writeFileSync(join(dir, 'assets', 'app-ABC123.js'), 'export {};');
  const saved = { ...process.env };
  beforeEach(() => {
    vi.resetModules();
    process.env.CONSOLE_ASSET_DIR = dir;
    process.env.EDGE_SECRET_ID = 'off';
    // The provider's discovery document is not reachable here: the issuer alone is allowed.
    vi.stubGlobal('fetch', async () => {
      throw new Error('offline');
    });
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.unstubAllGlobals();
  });
  const load = async () => (await import('../../functions/render-staff-console.ts')).run;

  it('says in JSON that sign-in is not set up when it has no issuer, and still serves the page', async () => {
    const run = await load();
    const config = await run(event('GET /staff/config.json'));
    expect(config.statusCode).toBe(503);
    expect(JSON.parse(decoded(config))).toMatchObject({ error: 'ServiceUnavailable' });
    const page = await run(event('GET /staff/nominations/{id}', { id: 'x' }));
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-security-policy']).toContain("connect-src 'self';");
  });

  it('gives the sign-in settings from its variables and the address it is called at', async () => {
    process.env.CONSOLE_AUTHORITY = 'http://localhost:8007';
    process.env.CONSOLE_CLIENT_ID = 'staff-console';
    const run = await load();
    const config = await run(event('GET /staff/config.json'));
    expect(JSON.parse(decoded(config))).toMatchObject({
      authority: 'http://localhost:8007',
      client_id: 'staff-console',
      redirect_uri: 'http://localhost:3000/staff/callback',
      post_logout_redirect_uri: 'http://localhost:3000/staff',
      scope: 'openid email profile',
    });
    expect(config.headers?.['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://localhost:8007; form-action 'self' http://localhost:8007; frame-ancestors 'none'; base-uri 'none'",
    );
    const asset = await run(event('GET /staff/assets/{file}', { file: 'app-ABC123.js' }));
    expect(asset.headers).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
      'content-type': 'text/javascript; charset=utf-8',
    });
    expect((await run(event('GET /staff/assets/{file}', { file: '../index.html' }))).statusCode).toBe(404);
    expect((await run(event('GET /staff'))).headers?.['cache-control']).toBe('no-cache');
  });

  it('tells the console to end a session at the sign-out URL when it has one, as Cognito needs', async () => {
    process.env.CONSOLE_AUTHORITY = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc';
    process.env.CONSOLE_CLIENT_ID = 'abc123';
    process.env.CONSOLE_SIGN_OUT_URL = 'https://metlib.auth.eu-west-1.amazoncognito.com/logout';
    const run = await load();
    const config = JSON.parse(decoded(await run(event('GET /staff/config.json'))));
    expect(config.sign_out).toEqual({
      url: 'https://metlib.auth.eu-west-1.amazoncognito.com/logout',
      query: { client_id: 'abc123', logout_uri: 'http://localhost:3000/staff' },
    });
  });
});
