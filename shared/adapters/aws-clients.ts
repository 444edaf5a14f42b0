import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Short timeouts: a request waiting on an unreachable database should fail fast with a
 * retryable 503 rather than hang until API Gateway's own 30 s limit.
 */
const requestHandler = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true };

export const documentClient = (endpoint?: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3, requestHandler }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

/**
 * One attempt: SendRawEmail is not idempotent, and a retry after a timeout could deliver twice.
 * A failed send is retried by the mailer's trigger, under the outbox claim.
 */
export const sesClient = (endpoint?: string) =>
  new SESClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 1, requestHandler });
