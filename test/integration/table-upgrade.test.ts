import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { expect, inject, it } from 'vitest';
import { ensureTable, localDynamoDbClient } from '../../local/emulators.ts';

it('gives a local table kept from before the unsent index that index, keeping its stream', async () => {
  const tableName = `upgrade-${randomUUID()}`;
  const client = localDynamoDbClient(inject('dynamoDbEndpoint'));
  try {
    // The table as the first version of the design created it: keys, gsi1, a stream.
    const created = await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const { streamArn } = await ensureTable(inject('dynamoDbEndpoint'), tableName);
    expect(streamArn).toBe(created.TableDescription?.LatestStreamArn);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(
      Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType]).sort(),
    ).toEqual([
      ['gsi1', 'ALL'],
      ['unsent', 'KEYS_ONLY'],
    ]);
    // Running it again changes nothing.
    await ensureTable(inject('dynamoDbEndpoint'), tableName);
  } finally {
    client.destroy();
  }
});
