import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Short timeouts: a request waiting on an unreachable database should fail fast with a
 * retryable 503 rather than hang until API Gateway's own 30 s limit.
 */
export const requestHandler = {
  connectionTimeout: 2_000,
  requestTimeout: 5_000,
  throwOnRequestTimeout: true,
};

export const documentClient = (endpoint?: string) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3, requestHandler }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
