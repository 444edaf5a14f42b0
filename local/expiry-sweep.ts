import { ConditionalCheckFailedException, DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#shared/adapters/table-design';
import { epochSeconds } from '#shared/domain/time';
import { localDynamoDbClient } from './emulators.ts';

/**
 * What DynamoDB's TTL process does on AWS and DynamoDB Local does not (it accepts the setting
 * and deletes nothing): deletes every item whose `expiresAt` is past `now`, each on the condition
 * that it still is, as an item whose TTL was moved meanwhile is kept. DynamoDB takes a day or
 * two; here it happens when asked. Says how many items went.
 */
export const sweepExpired = async (endpoint: string, tableName: string, now: Date): Promise<number> => {
  const client = localDynamoDbClient(endpoint);
  const names = { '#ttl': tableDesign.timeToLiveAttribute };
  const values = { ':now': { N: String(epochSeconds(now)) } };
  let deleted = 0;
  try {
    let start: ScanCommand['input']['ExclusiveStartKey'];
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#ttl < :now',
          ProjectionExpression: 'pk, sk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const Key of page.Items ?? []) {
        try {
          await client.send(
            new DeleteItemCommand({
              TableName: tableName,
              Key,
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }),
          );
          deleted += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return deleted;
};
