import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { staffConsoleConfig } from '#shared/config';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentConsoleConfig } from '#shared/http/present-console-config';
import { requestOrigin } from '#shared/http/request-origin';
import { staticFile } from '#shared/http/responses';
import { catalog } from './catalog.ts';
import { consolePaths } from './environment.ts';

const settings = staffConsoleConfig();

interface ConsoleFiles {
  /** Every page of the console is index.html: its client-side router shows the right one. */
  index: Buffer;
  assets: Map<string, Buffer>;
}

// Read at the first request rather than at load: one cold start reads them once either way, and
// a checkout that has not built the console yet still loads the function.
let files: ConsoleFiles | undefined;
const consoleFiles = (): ConsoleFiles => {
  files ??= {
    index: readFileSync(join(settings.assetDir, 'index.html')),
    assets: new Map(
      readdirSync(join(settings.assetDir, 'assets')).map((name) => [
        name,
        readFileSync(join(settings.assetDir, 'assets', name)),
      ]),
    ),
  };
  return files;
};

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const originOf = (url: unknown) => {
  try {
    return typeof url === 'string' ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Where the browser may talk to the OpenID provider: the issuer and the endpoints its discovery
 * document names, which may be elsewhere (Cognito's token endpoint is on the login domain, not
 * the issuer's). Read once; until it can be read, the issuer alone.
 */
let providerOrigins: string[] | undefined;
const loadProviderOrigins = async (): Promise<string[]> => {
  if (providerOrigins) return providerOrigins;
  const issuer = originOf(settings.authority);
  if (!settings.authority || !issuer) return [];
  try {
    const response = await fetch(
      `${settings.authority.replace(/\/$/, '')}/.well-known/openid-configuration`,
      {
        signal: AbortSignal.timeout(3000),
      },
    );
    const metadata = (await response.json()) as Record<string, unknown>;
    const endpoints = [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'end_session_endpoint',
    ];
    providerOrigins = [
      ...new Set([issuer, ...endpoints.map((e) => originOf(metadata[e])).filter((o) => o !== undefined)]),
    ];
    return providerOrigins;
  } catch {
    return [issuer];
  }
};

/** Only our own script and style; the API and the OpenID provider are all it talks to. */
const contentSecurityPolicy = (provider: string[]) => {
  const also = provider.map((origin) => ` ${origin}`).join('');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${also}`,
    `form-action 'self'${also}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
};

/** The optional routes this deployment has, so the console offers only what answers. */
const has = (method: string, path: string) =>
  catalog.some((e) => e.routes?.some((r) => r.method === method && r.path === path));
const features = {
  export: has('GET', '/programs/{programId}/nominations.csv'),
  conflicts: has('POST', '/nominations/{id}/conflicts'),
  resend: has('POST', '/nominations/{id}/emails/{key}/resend'),
  corrections: has('PATCH', '/nominations/{id}'),
  personalData: has('POST', '/personal-data/erase'),
};

/** The program the console lists. */
const programId = 'metlib-2024';

export const run = async (event: APIGatewayProxyEventV2) => {
  const policy = contentSecurityPolicy(await loadProviderOrigins());
  const respond = (status: number, body: Buffer, type: string, cacheControl: string) =>
    staticFile(status, body, event.headers['accept-encoding'], {
      'content-type': type,
      'cache-control': cacheControl,
      'content-security-policy': policy,
    });
  const jsonBody = (status: number, body: unknown) =>
    respond(status, Buffer.from(JSON.stringify(body)), contentTypes.json as string, 'no-cache');

  if (event.routeKey.endsWith('/assets/{file}')) {
    const name = event.pathParameters?.file ?? '';
    const file = consoleFiles().assets.get(name);
    if (!file) return jsonBody(404, { error: 'NotFound', message: `There is no console file "${name}"` });
    const type = contentTypes[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    return respond(200, file, type, 'public, max-age=31536000, immutable');
  }
  if (event.routeKey.endsWith('/config.json')) {
    if (!settings.authority || !settings.clientId) {
      return jsonBody(503, {
        error: 'ServiceUnavailable',
        message: 'Sign-in to the staff console is not set up here yet (no OpenID issuer or client id).',
      });
    }
    const config = presentConsoleConfig(
      {
        authority: settings.authority,
        clientId: settings.clientId,
        ...(settings.signOutUrl ? { signOutUrl: settings.signOutUrl } : {}),
        programId,
        features,
      },
      {
        origin: requestOrigin(event),
        callbackPath: consolePaths.callback,
        signedOutPath: consolePaths.signedOut,
      },
    );
    return jsonBody(200, config);
  }
  return respond(200, consoleFiles().index, contentTypes.html as string, 'no-cache');
};

export const handler = middy(run).use(httpMiddlewares());
