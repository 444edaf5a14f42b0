import { ServiceUnavailableError } from '../domain/errors.ts';

const retryableNames = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when an AWS call failed for a reason that says nothing about the request: the service is
 * throttling, down or unreachable. The client should then get a retryable 503, not a 500.
 */
export const isTransientAwsError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  return (
    retryableNames.has(e.name) ||
    (e.code !== undefined && networkCodes.has(e.code)) ||
    e.$retryable !== undefined ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
};

/** Runs an AWS call, turning transient failures into ServiceUnavailableError. */
export const withTransientMapping = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (isTransientAwsError(error)) {
      throw new ServiceUnavailableError(`${what} is temporarily unavailable; please try again`, {
        cause: error,
      });
    }
    throw error;
  }
};
