import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiryAttribute } from '../domain/retention.ts';
import type { SendSlots } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { keys } from './table-design.ts';

/** A second's slots are read for as long as a send may wait for one; an hour is plenty. */
const keptSeconds = 3600;

/**
 * The sending rate as a counter per second in the table: taking a slot adds one to the second's
 * counter, conditioned on the limit, and DynamoDB answers with the count, which is the slot's
 * position. One item takes at most `limit` writes a second, far below what one item bears.
 */
export class DynamoDbSendSlots implements SendSlots {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(second: number, limit: number): Promise<number | undefined> {
    try {
      const { Attributes } = await callAws('The database', () =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.sendSlots(second),
            UpdateExpression: 'ADD taken :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
            ExpressionAttributeNames: { '#ttl': expiryAttribute },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': second + keptSeconds },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return Number(Attributes?.taken);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
