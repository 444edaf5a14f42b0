import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoDbClient } from '../../local/emulators.ts';

type Item = Record<string, unknown>;

/** Every item of a stack's table, as the document client reads it: what a test looks through for personal data. */
export const scanTable = async (stack: { dynamoDbEndpoint: string; tableName: string }): Promise<Item[]> => {
  const client = localDynamoDbClient(stack.dynamoDbEndpoint);
  const items: Item[] = [];
  let start: ScanCommand['input']['ExclusiveStartKey'];
  do {
    const page = await client.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items;
};
