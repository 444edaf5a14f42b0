import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalog, type FunctionEntry } from '../../functions/catalog.ts';
import { enforceTableAccess } from '../../local/table-access.ts';
import { partitionsOf } from '../../local/table-partitions.ts';
import { sendAs as send } from '../support/checked-table-client.ts';

const programReader: FunctionEntry = {
  name: 'ProgramReader',
  entry: 'functions/get-program.ts',
  description: 'reads a program',
  access: { table: ['GetItem', 'Query'], partitions: ['PROGRAM#metlib-2024'] },
};

describe('the partitions a command names (dynamodb:LeadingKeys)', () => {
  it('are the partition keys of the items it reads or writes, from either client', () => {
    expect(
      partitionsOf(new GetCommand({ TableName: 't', Key: { pk: 'PROGRAM#a', sk: 'TIMELINE' } })),
    ).toEqual(['PROGRAM#a']);
    expect(
      partitionsOf(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'PROGRAM#a' }, sk: { S: 'X' } } })),
    ).toEqual(['PROGRAM#a']);
    const transaction = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'NOMINATION#1', sk: 'NOMINATION' } } },
        { Update: { TableName: 't', Key: { pk: 'LIMIT#x', sk: 'COUNT' }, UpdateExpression: 'SET a = :a' } },
        { ConditionCheck: { TableName: 't', Key: { pk: 'PROGRAM#a', sk: 'P' }, ConditionExpression: 'x' } },
      ],
    });
    expect(partitionsOf(transaction)).toEqual(['NOMINATION#1', 'LIMIT#x', 'PROGRAM#a']);
    const batch = new BatchGetCommand({
      RequestItems: {
        t: {
          Keys: [
            { pk: 'ADDRESS#h', sk: 'COMPLAINT' },
            { pk: 'ADDRESS#i', sk: 'COMPLAINT' },
          ],
        },
      },
    });
    expect(partitionsOf(batch)).toEqual(['ADDRESS#h', 'ADDRESS#i']);
  });

  it('are the partition a Query of the table reads; a Query of an index or a Scan names none', () => {
    const query = (input: Partial<ConstructorParameters<typeof QueryCommand>[0]>) =>
      partitionsOf(new QueryCommand({ TableName: 't', ...input }));
    expect(
      query({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'PROGRAM#a', ':prefix': 'AUDIT#' },
      }),
    ).toEqual(['PROGRAM#a']);
    expect(
      query({
        KeyConditionExpression: '#s < :before AND #p = :p',
        ExpressionAttributeNames: { '#p': 'pk', '#s': 'sk' },
        ExpressionAttributeValues: { ':p': 'NOMINATION#1', ':before': 'Z' },
      }),
    ).toEqual(['NOMINATION#1']);
    expect(
      query({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'PROGRAM#a' },
      }),
    ).toBeUndefined();
    expect(partitionsOf(new ScanCommand({ TableName: 't' }))).toBeUndefined();
  });
});

describe('the local check of a function limited to some partitions', () => {
  it('refuses, as AWS would, an item of another partition, and a command that names none', async () => {
    enforceTableAccess();
    // A candidate's guard begins with the program's partition key and is not in it.
    const guard = new GetCommand({
      TableName: 't',
      Key: { pk: 'PROGRAM#metlib-2024#CANDIDATE#a@b.org', sk: 'GUARD' },
    });
    await expect(send(programReader, guard)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('ProgramReader is not authorized to reach the partition PROGRAM#…'),
    });
    // The key itself may hold an address: the refusal names its kind only.
    const refusal = await send(programReader, guard).catch((error: Error) => error);
    expect(String((refusal as Error).message)).not.toContain('a@b.org');
    const byIndex = new QueryCommand({
      TableName: 't',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'PROGRAM#metlib-2024' },
    });
    await expect(send(programReader, byIndex)).rejects.toThrow(/without naming their partition/);
  });

  it('lets an item of its own partition through', async () => {
    enforceTableAccess();
    const timeline = new GetCommand({ TableName: 't', Key: { pk: 'PROGRAM#metlib-2024', sk: 'TIMELINE' } });
    await expect(send(programReader, timeline)).rejects.toMatchObject({
      name: expect.not.stringMatching(/AccessDenied/),
    });
  });

  it('is what the catalog says: the public readers of programs reach each program’s own partition only', () => {
    const limited = catalog.filter((e) => e.access.partitions).map((e) => [e.name, e.access.partitions]);
    expect(limited).toEqual([
      ['RenderNominationForm', ['PROGRAM#metlib-2024']],
      ['GetProgram', ['PROGRAM#metlib-2024']],
    ]);
  });
});
