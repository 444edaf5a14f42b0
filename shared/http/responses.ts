import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

const security = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
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

/** Pages load nothing from elsewhere: their script and style are inline and the form posts to us only. */
export const page = (
  statusCode: number,
  markup: string,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
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
