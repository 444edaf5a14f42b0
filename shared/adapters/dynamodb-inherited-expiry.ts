// Items written for a nomination after its lifetime was set (an email queued later, a mail
// service report) must carry the same TTL, or they outlive it. The TTL is read, written on the
// new item, and checked on the nomination in the same transaction: if the lifetime changed in
// between (a decision's stamp, an erasure), the write is refused and made again from a fresh read.

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expiryAttribute } from '../domain/retention.ts';
import { getItem } from './dynamodb-reads.ts';
import type { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

/** What a nomination's lifetime is as stored: its TTL (undefined while its fate is open), or gone. */
export type StoredExpiry = { gone: true } | { gone: false; expiresAt: number | undefined };

const service = 'The nomination store';

export const storedExpiry = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  nominationId: string,
): Promise<StoredExpiry> => {
  const item = await getItem(client, tableName, service, keys.nomination(nominationId));
  if (!item) return { gone: true };
  const ttl = item[expiryAttribute];
  return { gone: false, expiresAt: typeof ttl === 'number' ? ttl : undefined };
};

/** The TTL attribute an inheriting item is written with. */
export const inherited = (expiresAt: number | undefined) =>
  expiresAt === undefined ? {} : { [expiryAttribute]: expiresAt };

/** The name of the check in a transaction: one per nomination. */
export const expiryCheckName = (nominationId: string) => `lifetime ${nominationId}`;

/** Adds to `transaction` the condition that the nomination exists with the TTL read (or none). */
export const checkExpiry = (
  transaction: TableTransaction,
  nominationId: string,
  expiresAt: number | undefined,
) =>
  transaction.check(expiryCheckName(nominationId), {
    Key: keys.nomination(nominationId),
    ConditionExpression:
      expiresAt === undefined ? 'attribute_exists(pk) AND attribute_not_exists(#ttl)' : '#ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': expiryAttribute },
    ...(expiresAt === undefined ? {} : { ExpressionAttributeValues: { ':ttl': expiresAt } }),
  });

/** Whether the transaction was refused because a nomination's lifetime changed since it was read. */
export const lifetimeChanged = (error: TransactionCancelled, nominationIds: readonly string[]) =>
  nominationIds.some((id) => error.contended(expiryCheckName(id)));

/** A write made again from a fresh read this many times at most: a lifetime changes once or twice. */
export const lifetimeAttempts = 3;
