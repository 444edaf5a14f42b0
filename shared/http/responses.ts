import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { formScript } from '../web/form-script.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const security = {
  'x-content-type-options': 'nosniff',
  // No other site learns the address of a page (a private link's token); and our own forms keep
  // their real `Origin` (no-referrer would make it `null`), which the cross-site check reads on
  // browsers that do not send Sec-Fetch-Site (shared/http/cross-site.ts).
  'referrer-policy': 'same-origin',
};

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...security,
    ...headers,
  },
  body: JSON.stringify(body),
});

/**
 * Pages load nothing from elsewhere and the form posts to us only. Their style is inline; the one
 * script the site has (the form's) runs by its hash, so a script that found its way into a page
 * through some text not escaped would not run.
 */
const pagePolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src ${formScript.hash}`,
  "connect-src 'self'",
  "form-action 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const page = (
  statusCode: number,
  markup: string,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': pagePolicy,
    ...security,
    ...headers,
  },
  body: markup,
});

export const seeOther = (location: string): HttpResult => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store', ...security },
  body: '',
});

const encodings = ['br', 'gzip'] as const;
export type Encoding = (typeof encodings)[number];

/** The best encoding the request accepts (`Accept-Encoding`, with its q-values), if any. */
export const acceptedEncoding = (header: string | undefined): Encoding | undefined => {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  return encodings.find((e) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0);
};

// A file's compressed forms, made once per body: static files are the same Buffer every time.
const compressedForms = new WeakMap<Buffer, Partial<Record<Encoding, string>>>();

const compress = (body: Buffer, encoding: Encoding): string => {
  const forms = compressedForms.get(body) ?? {};
  compressedForms.set(body, forms);
  forms[encoding] ??= (
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 })
  ).toString('base64');
  return forms[encoding];
};

/**
 * A file's bytes, compressed with brotli or gzip when the request accepts it (API Gateway's
 * payload 2.0 carries it base64-encoded). Tiny bodies go as they are.
 */
export const staticFile = (
  statusCode: number,
  body: Buffer,
  acceptEncoding: string | undefined,
  headers: Record<string, string>,
): HttpResult => {
  const encoding = body.length >= 512 ? acceptedEncoding(acceptEncoding) : undefined;
  return {
    statusCode,
    headers: {
      ...security,
      vary: 'accept-encoding',
      ...headers,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    },
    body: encoding ? compress(body, encoding) : body.toString('base64'),
    isBase64Encoded: true,
  };
};

/** A file to save rather than show: `text/csv` and the like, named for the download. */
export const download = (
  body: string,
  file: { contentType: string; filename: string },
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '-')}"`,
    'cache-control': 'no-store',
    ...security,
    ...headers,
  },
  body,
});
