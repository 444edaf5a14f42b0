import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { outboxRef } from '#shared/adapters/dynamodb-outbox-items';
import { logger } from '#shared/logger';
import { sendOutboxEmail } from '#shared/use-cases/send-outbox-email';
import { outboxSenderDeps } from '#shared/wiring/outbox';

const deps = outboxSenderDeps();

/**
 * Sends the outbox emails of a stream batch in order. The first failure stops the batch and is
 * reported as the batch item failure, so the trigger retries from there; emails already sent
 * are skipped on the retry by their claim.
 */
export const run = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    const keys = record.dynamodb?.Keys;
    if (!keys) continue;
    const key = unmarshall(keys as Record<string, AttributeValue>) as { pk: string; sk: string };
    try {
      const outcome = await sendOutboxEmail(deps, outboxRef(key));
      logger.info('outbox email', { key: key.sk, outcome });
    } catch (error) {
      logger.warn('sending failed; the batch will be retried from this record', { key: key.sk, error });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
