import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/adapters/aws-clients';
import { DynamoDbOutbox } from '#shared/adapters/dynamodb-outbox';
import { parseOutboxRef } from '#shared/adapters/dynamodb-outbox-items';

/** Every email still owed is listed by the `unsent` index; this many at the most are looked at. */
const owedAtMost = 1000;

/**
 * Counts the outbox emails a sender has claimed and not yet marked sent, whose claim is still
 * live: one is being sent right now, or waits for its lease to lapse before the stream's next
 * retry sends it. The local stream poller is not drained while there is one.
 */
export const claimedUnsentCounter = (endpoint: string, tableName: string) => {
  const client = documentClient(endpoint);
  const outbox = new DynamoDbOutbox(client, tableName);
  return {
    count: async (): Promise<number> => {
      const refs = await outbox.listUnsent(new Date('9999-12-31T23:59:59.999Z'), owedAtMost);
      let claimed = 0;
      const now = new Date().toISOString();
      for (let i = 0; i < refs.length; i += 100) {
        const { Responses } = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: refs.slice(i, i + 100).map(parseOutboxRef),
                ProjectionExpression: '#status, leaseUntil',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        for (const item of Responses?.[tableName] ?? []) {
          // The lease is on the real clock (the claim's), not the program's.
          if (item.status === 'sending' && String(item.leaseUntil ?? '') > now) claimed += 1;
        }
      }
      return claimed;
    },
    close: () => client.destroy(),
  };
};
