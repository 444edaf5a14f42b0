// A nomination's lifetime on every item that holds something of it: DynamoDB's TTL is per item,
// so the TTL the nomination gets (or loses) is written on each of them.

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Nomination } from '../domain/nomination.ts';
import { anonymousOutcome, expiryAttribute } from '../domain/retention.ts';
import { callAws } from './aws-errors.ts';
import { itemsOfNomination, sha256 } from './dynamodb-personal-data.ts';
import type { Item } from './dynamodb-reads.ts';
import { maxTransactionItems, TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

type Key = { pk: string; sk: string };

const service = 'The personal data store';

/**
 * Sets the TTL of every item of a nomination (the partition, the duplicate guard, the address
 * items) to `expiresAt`, or takes it off when undefined. Items already so are left alone, and
 * the guard only while it is still this nomination's: running it again changes nothing.
 */
const updateExpiry = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  nomination: Nomination,
  expiresAt: number | undefined,
  /** An item written with the first of the updates (put alone if that write falls back). */
  also?: Item,
): Promise<void> => {
  const { partition, others } = await itemsOfNomination(client, tableName, nomination);
  const targets: Key[] = [
    ...partition
      .filter((i) => i[expiryAttribute] !== expiresAt)
      .map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    ...others,
  ];
  const update = (Key: Key) => ({
    Key,
    // The guard may have moved on to a later nomination of the same candidate.
    ConditionExpression:
      'attribute_exists(pk) AND (attribute_not_exists(nominationId) OR nominationId = :id)',
    UpdateExpression: expiresAt === undefined ? 'REMOVE #ttl' : 'SET #ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': expiryAttribute },
    ExpressionAttributeValues: {
      ':id': nomination.id,
      ...(expiresAt === undefined ? {} : { ':ttl': expiresAt }),
    },
  });
  const name = (Key: Key) => `${Key.pk} ${Key.sk}`;
  // A decision day stamps thousands of nominations: a dozen items each in one request, not a
  // dozen. An item gone or another's cancels the whole, and those left are then updated one by one.
  let oneByOne: Key[] = [];
  let alone = also;
  const room = maxTransactionItems - (also ? 1 : 0);
  for (let i = 0; i < targets.length || alone; i += room) {
    const chunk = targets.slice(i, i + room);
    const transaction = new TableTransaction(client, tableName);
    for (const Key of chunk) transaction.update(name(Key), update(Key));
    if (alone) transaction.put('also', { Item: alone });
    try {
      await transaction.commit();
      alone = undefined;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      oneByOne = [
        ...oneByOne,
        ...chunk.filter((Key) => error.reason(name(Key)) !== 'ConditionalCheckFailed'),
      ];
      if (alone) {
        const Item = alone;
        alone = undefined;
        await callAws(service, () => client.send(new PutCommand({ TableName: tableName, Item })));
      }
    }
  }
  for (const Key of oneByOne) {
    try {
      await callAws(service, () => client.send(new UpdateCommand({ TableName: tableName, ...update(Key) })));
    } catch (error) {
      // Gone, or another nomination's: nothing to change.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
};

/**
 * Takes the TTL off every item of a nomination that inherited it while the nomination was
 * unconfirmed (its audit entry, its confirmation email, its address items): run after the
 * confirmation's write.
 */
export const clearExpiry = (client: DynamoDBDocumentClient, tableName: string, nomination: Nomination) =>
  updateExpiry(client, tableName, nomination, undefined);

/**
 * Gives every item of a nomination the TTL `expiresAt` and leaves its anonymous outcome for the
 * statistics. Run after the write that set the nomination's own TTL; running it again changes
 * nothing.
 */
export const stampExpiry = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  nomination: Nomination,
  expiresAt: number,
): Promise<void> => {
  // Keyed by a hash of the id, so a later outcome (a participant who withdraws) replaces it.
  await updateExpiry(client, tableName, nomination, expiresAt, {
    ...keys.outcome(nomination.programId, sha256(nomination.id)),
    type: 'outcome',
    ...anonymousOutcome(nomination),
  });
};
