import { Buffer, isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { HttpRoute } from '#functions/catalog';
import { type Listening, listen } from './listen.ts';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

export interface MountedRoute extends HttpRoute {
  functionName: string;
  handler: HttpHandler;
  context: () => Context;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  routes: MountedRoute[];
  verifyToken: (token: string) => Promise<JWTPayload>;
  log?: (line: string) => void;
}

/** API Gateway's own payload limit; our handlers enforce their smaller one with a JSON error. */
const maxPayloadBytes = 10 * 1024 * 1024;

const textTypes = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/i;

const compile = (route: MountedRoute) => {
  const names: string[] = [];
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const literalSegments = route.path.split('/').filter((s) => s && !s.startsWith('{')).length;
  return { route, names, literalSegments, regex: new RegExp(`^${pattern}$`) };
};

/** API Gateway passes JWT claims to the function as strings, arrays as "[a b]". */
const flattenClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | 'too-large'>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxPayloadBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxPayloadBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * The local HTTP API: the catalog's routes, API Gateway payload 2.0 events, and the JWT
 * authorizer's behaviour (401 `{"message":"Unauthorized"}` before the function runs).
 */
export const startGateway = async (options: GatewayOptions): Promise<Listening> => {
  const compiled = options.routes
    .map(compile)
    .sort((a, b) => b.literalSegments - a.literalSegments || a.names.length - b.names.length);

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let status = 500;
    let url = new URL('http://localhost/');
    // The route, not the path, as API Gateway's access log has it: a link's token stays out of logs.
    let logged = '';
    try {
      // API Gateway answers a request line it cannot parse with 400 before any route is chosen.
      try {
        url = new URL(
          req.url?.startsWith('/') ? `http://localhost${req.url}` : 'http://[',
          'http://localhost',
        );
        for (const segment of url.pathname.split('/')) decodeURIComponent(segment);
      } catch {
        status = 400;
        return send(res, 400, { message: 'Bad Request' });
      }
      // API Gateway routes /staff/ as /staff (a route may not end with a slash): so do we.
      const routed = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
      const match = compiled
        .filter((c) => c.route.method === method)
        .map((c) => ({ c, m: c.regex.exec(routed) }))
        .find((x) => x.m !== null);
      if (!match?.m) {
        status = 404;
        return send(res, 404, { message: 'Not Found' });
      }
      const { route, names } = match.c;
      logged = route.path;
      const raw = await readBody(req);
      if (raw === 'too-large') {
        status = 413;
        return send(res, 413, { message: 'Request Entity Too Large' });
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      }
      let authorizer: { jwt: { claims: Record<string, string>; scopes: null } } | undefined;
      if (route.staff) {
        const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
        const claims = token ? await options.verifyToken(token).catch(() => undefined) : undefined;
        if (!claims) {
          status = 401;
          return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
        }
        authorizer = { jwt: { claims: flattenClaims(claims), scopes: null } };
      }
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
      // Text that is not valid UTF-8 goes on as base64, as API Gateway does, so the handler sees the bytes.
      const isText = raw.length === 0 || (textTypes.test(headers['content-type'] ?? '') && isUtf8(raw));
      const now = new Date();
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey: `${route.method} ${route.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(url.search ? { queryStringParameters: query } : {}),
        ...(names.length
          ? {
              pathParameters: Object.fromEntries(
                names.map((n, i) => [n, decodeURIComponent(match.m?.[i + 1] ?? '')]),
              ),
            }
          : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            // Every local client is on loopback; X-Forwarded-For lets a test or the load stand for
            // many clients, as they reach API Gateway from many addresses.
            sourceIp:
              headers['x-forwarded-for']?.split(',')[0]?.trim() || (req.socket.remoteAddress ?? '127.0.0.1'),
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: `${route.method} ${route.path}`,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          ...(authorizer ? { authorizer } : {}),
        },
        ...(raw.length ? { body: isText ? raw.toString('utf8') : raw.toString('base64') } : {}),
        isBase64Encoded: !isText,
      } as APIGatewayProxyEventV2;
      const result = await route.handler(event, route.context());
      if (typeof result === 'string' || result === undefined || !('statusCode' in result)) {
        status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(typeof result === 'string' ? result : JSON.stringify(result ?? null));
      }
      status = result.statusCode ?? 200;
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(result.headers ?? {})) out[k] = String(v);
      if (result.cookies?.length) out['set-cookie'] = result.cookies;
      res.writeHead(status, out);
      res.end(
        result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
      );
    } catch (error) {
      status = 500;
      options.log?.(`handler failed: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    } finally {
      options.log?.(`${method} ${logged || url.pathname} ${status} ${Date.now() - started} ms`);
    }
  });

  const listening = await listen(server, { port: options.port, host: options.host, what: 'the API gateway' });
  return { ...listening, url: `http://localhost:${listening.port}` };
};
