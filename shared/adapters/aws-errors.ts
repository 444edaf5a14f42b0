import { ServiceUnavailableError } from '../domain/errors.ts';

const retryableNames = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
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

/**
 * The one error mapping of every adapter call (DynamoDB, SES, EventBridge Scheduler, Secrets
 * Manager through Powertools): a transient failure becomes ServiceUnavailableError (a retryable
 * 503, with the AWS error as its cause), also when a library wrapped the AWS error in its own
 * (as its `cause`); anything else is passed on for the adapter to recognise with `instanceof`.
 */
export const callAws = async <T>(service: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    // Mapped already by a call nested in this one.
    if (error instanceof ServiceUnavailableError) throw error;
    if (isTransientAwsError(error) || (error instanceof Error && isTransientAwsError(error.cause))) {
      throw new ServiceUnavailableError(`${service} is temporarily unavailable; please try again`, {
        cause: error,
      });
    }
    throw error;
  }
};
