import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors.ts';

export const maxBodyBytes = 64 * 1024;

export type RequestBody = { kind: 'json'; value: unknown } | { kind: 'form'; fields: URLSearchParams };

const header = (event: APIGatewayProxyEventV2, name: string) => event.headers?.[name] ?? '';

const mediaType = (event: APIGatewayProxyEventV2) =>
  header(event, 'content-type').split(';')[0]?.trim().toLowerCase() ?? '';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON or urlencoded body within the size limit. API Gateway hands us the body as text,
 * or base64 for content types it treats as binary; both are checked to be valid UTF-8.
 */
export const readBody = (event: APIGatewayProxyEventV2, accepted: ('json' | 'form')[]): RequestBody => {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > maxBodyBytes) {
    throw new PayloadTooLargeError(`The body is ${bytes.length} bytes; the limit is ${maxBodyBytes}`);
  }
  const type = mediaType(event);
  const kind =
    type === 'application/json' ? 'json' : type === 'application/x-www-form-urlencoded' ? 'form' : undefined;
  if (!kind || !accepted.includes(kind)) {
    const names = accepted.map((k) =>
      k === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    );
    throw new UnsupportedMediaTypeError(
      `Send the body as ${names.join(' or ')}, not "${type || 'no content type'}"`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ValidationError('The body is not valid UTF-8 text');
  }
  if (kind === 'form') return { kind, fields: new URLSearchParams(text) };
  if (text.trim() === '') throw new ValidationError('The body is empty; send a JSON object');
  try {
    return { kind, value: JSON.parse(text) };
  } catch (error) {
    throw new ValidationError(`The body is not valid JSON: ${(error as Error).message}`);
  }
};

/** The value of a JSON body; any other body is refused as `readBody` refuses it. */
export const readJson = (event: APIGatewayProxyEventV2): unknown => {
  const body = readBody(event, ['json']);
  return body.kind === 'json' ? body.value : undefined;
};

/** Whether the caller is a browser that wants a page back rather than JSON. */
export const wantsHtml = (event: APIGatewayProxyEventV2) => /\btext\/html\b/.test(header(event, 'accept'));
