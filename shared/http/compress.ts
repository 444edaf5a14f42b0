import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { acceptedEncoding, type HttpResult } from './responses.ts';

const compressible = /^(text\/|application\/json)/;

/**
 * Pages, JSON and CSV answers compressed when the request accepts it: API Gateway's HTTP APIs do
 * not compress, so the function does (payload 2.0 carries the bytes base64-encoded). Dynamic
 * bodies get a fast setting; the console's hashed files are compressed once, harder, by
 * `staticFile`. Small bodies go as they are: compression would not pay for its header.
 */
export const compressResponses = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => {
  const compress = (request: { event: APIGatewayProxyEventV2; response: HttpResult | null }) => {
    const { response } = request;
    if (!response || response.isBase64Encoded || response.body.length < 1024) return;
    const headers = response.headers ?? {};
    if (headers['content-encoding'] || !compressible.test(String(headers['content-type'] ?? ''))) return;
    const encoding = acceptedEncoding(request.event.headers?.['accept-encoding']);
    if (!encoding) return;
    const bytes = Buffer.from(response.body, 'utf8');
    const body =
      encoding === 'br'
        ? brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzipSync(bytes, { level: 6 });
    request.response = {
      ...response,
      headers: { ...headers, 'content-encoding': encoding, vary: 'accept-encoding' },
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
  };
  return { after: compress, onError: compress };
};
