import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalog, type FunctionEntry } from '../../functions/catalog.ts';
import { actionsOf, enforceTableAccess } from '../../local/table-access.ts';
import { sendAs as send, sendUnchecked } from '../support/checked-table-client.ts';

const reader: FunctionEntry = {
  name: 'Reader',
  entry: 'functions/get-nomination.ts',
  description: 'reads',
  access: { table: ['GetItem', 'Query'] },
};

describe('the local check of table access', () => {
  it('names the IAM actions of a command, each item of a transaction by its kind', () => {
    expect(actionsOf(new GetCommand({ TableName: 't', Key: { pk: 'a' } }))).toEqual(['GetItem']);
    expect(actionsOf(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }))).toEqual(['GetItem']);
    expect(
      actionsOf(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 't', Item: { pk: 'a' } } },
            { Put: { TableName: 't', Item: { pk: 'b' } } },
            { Delete: { TableName: 't', Key: { pk: 'c' } } },
            { ConditionCheck: { TableName: 't', Key: { pk: 'd' }, ConditionExpression: 'x' } },
          ],
        }),
      ),
    ).toEqual(['PutItem', 'DeleteItem', 'ConditionCheckItem']);
  });

  it('refuses, as AWS would, a command the running function’s catalog entry does not grant', async () => {
    enforceTableAccess();
    await expect(send(reader, new DeleteCommand({ TableName: 't', Key: { pk: 'a' } }))).rejects.toMatchObject(
      {
        name: 'AccessDeniedException',
        message: expect.stringContaining('Reader is not authorized to perform: dynamodb:DeleteItem'),
      },
    );
    const transaction = new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a' } } }],
    });
    await expect(send(reader, transaction)).rejects.toThrow(/dynamodb:PutItem/);
  });

  it('lets a granted command through, and commands sent outside any function', async () => {
    enforceTableAccess();
    const connectFailure = { name: expect.not.stringMatching(/AccessDenied/) };
    await expect(send(reader, new GetCommand({ TableName: 't', Key: { pk: 'a' } }))).rejects.toMatchObject(
      connectFailure,
    );
    await expect(
      sendUnchecked(new DeleteCommand({ TableName: 't', Key: { pk: 'a' } })),
    ).rejects.toMatchObject(connectFailure);
  });

  it('is what the catalog says: no public function may delete, and only erasure writes in batches', () => {
    // The nominator's and the participant's pages are public but behind a signed link to one
    // nomination, and delete only what is that nomination's own (a guard it moves or gives back):
    // the named exceptions.
    const signedLinkDeletes = new Set(['ManageNomination', 'ServeParticipantPage']);
    const deleters = catalog.filter(
      (e) => e.routes?.some((r) => !r.staff) && (e.access.table ?? []).includes('DeleteItem'),
    );
    expect(deleters.map((e) => e.name)).toEqual([...signedLinkDeletes]);
    const batchWriters = catalog.filter((e) => (e.access.table ?? []).includes('BatchWriteItem'));
    expect(batchWriters.map((e) => e.name)).toEqual(['AnswerPersonalDataRequest']);
    expect(batchWriters.every((e) => e.routes?.every((r) => r.staff))).toBe(true);
  });
});
