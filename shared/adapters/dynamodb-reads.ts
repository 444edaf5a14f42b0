import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { callAws } from './aws-errors.ts';

export type Item = Record<string, unknown>;

export interface PartitionQuery {
  pk: string;
  /** Only the items whose sort key begins with it. */
  prefix?: string;
  /** The attributes to read, as a projection expression; every attribute if omitted. */
  projection?: string;
  /** The names the projection's placeholders stand for (`#type`: `type`). */
  names?: Record<string, string>;
  /** In descending order of the sort key. */
  newestFirst?: boolean;
}

/**
 * Every item under one partition key (or those whose sort key begins with `prefix`), page by
 * page, consistently read. `service` names the store in the error a client sees when DynamoDB
 * cannot be reached.
 */
export const queryPartition = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  service: string,
  { pk, prefix, projection, names, newestFirst }: PartitionQuery,
): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await callAws(service, () =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
          ...(projection ? { ProjectionExpression: projection } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
          ...(newestFirst ? { ScanIndexForward: false } : {}),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** One item by its key, consistently read; undefined if there is none. */
export const getItem = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  service: string,
  key: Record<string, unknown>,
): Promise<Item | undefined> => {
  const { Item } = await callAws(service, () =>
    client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })),
  );
  return Item;
};
