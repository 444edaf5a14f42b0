// The items a nomination's writes are made of (the nomination, its audit entries, its emails,
// its guard and ranks, its address items and the counters of public writes), named so each
// transaction of shared/adapters/dynamodb-nominations.ts reads as a list of them.
import { isDeepStrictEqual } from 'node:util';
import { DuplicateNominationError, TooManySubmissionsError } from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import { expiryAttribute } from '../domain/retention.ts';
import { epochSeconds } from '../domain/time.ts';
import type { AuditEntry, OutboxEmail, SubmissionCounter } from '../ports.ts';
import { outboxEmailPut } from './dynamodb-outbox-items.ts';
import { addressesOf, addressHash, addressItem } from './dynamodb-personal-data.ts';
import type { Item } from './dynamodb-reads.ts';
import type { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

const internalAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type'];
export const strip = <T>(item: Item): T => {
  const copy = { ...item };
  for (const attribute of internalAttributes) delete copy[attribute];
  return copy as T;
};

/** Listed by program once confirmed; until then unlisted (its `expiresAt` drops it unconfirmed). */
export const nominationItem = (n: Nomination): Item => ({
  ...keys.nomination(n.id),
  ...(n.status === 'unconfirmed' ? {} : { gsi1pk: keys.byProgram(n.programId) }),
  gsi1sk: keys.byStatus(n.status, n.submittedAt, n.id),
  type: 'nomination',
  ...n,
});

const counterUpdate = (counter: SubmissionCounter) => ({
  Key: keys.counter(counter.key),
  UpdateExpression: 'ADD #count :one SET #type = :type, #ttl = if_not_exists(#ttl, :ttl)',
  ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
  ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#ttl': expiryAttribute },
  ExpressionAttributeValues: {
    ':one': 1,
    ':type': 'counter',
    ':ttl': epochSeconds(counter.expiresAt),
    ':limit': counter.limit,
  },
});

/** Counts the write against each counter, named by its key (a hash where it concerns an address). */
export const addCounters = (transaction: TableTransaction, counters: readonly SubmissionCounter[]) => {
  for (const counter of counters) transaction.update(`counter ${counter.key}`, counterUpdate(counter));
};

/** The refusal of the first counter that stood at its limit when the transaction was cancelled. */
export const counterRefusal = (error: TransactionCancelled, counters: readonly SubmissionCounter[]) => {
  const full = counters.find((c) => error.reason(`counter ${c.key}`) === 'ConditionalCheckFailed');
  return full && new TooManySubmissionsError(full.refusal);
};

/**
 * An item one nomination holds alone (a candidate's guard, a reserve rank), naming its holder:
 * taken only if free, given back only by its holder (or if it is gone already).
 */
export const take = (key: { pk: string; sk: string }, type: string, nominationId: string) => ({
  Item: { ...key, type, nominationId },
  ConditionExpression: 'attribute_not_exists(pk)',
});
export const giveBack = (key: { pk: string; sk: string }, nominationId: string) => ({
  Key: key,
  ConditionExpression: 'attribute_not_exists(pk) OR nominationId = :self',
  ExpressionAttributeValues: { ':self': nominationId },
});

export const guardPut = (programId: string, candidateEmail: string, nominationId: string) =>
  take(keys.guard(programId, candidateKey(candidateEmail)), 'guard', nominationId);

export const duplicate = (email: string) =>
  new DuplicateNominationError(`${email} has already been nominated for this program`);

/** The TTL an item written with a nomination inherits from it, once it has one. */
const expiryOf = (n: Nomination) => (n.expiresAt ? { [expiryAttribute]: n.expiresAt } : {});

export const auditPut = (nomination: Nomination, entry: AuditEntry) => ({
  Item: { ...keys.audit(nomination.id, entry.version), type: 'audit', ...entry, ...expiryOf(nomination) },
  ConditionExpression: 'attribute_not_exists(pk)',
});

export const addEmails = (
  transaction: TableTransaction,
  nomination: Nomination,
  emails: OutboxEmail[],
  at: string,
) => {
  for (const email of emails) {
    const put = outboxEmailPut(
      { programId: nomination.programId, nominationId: nomination.id, email },
      at,
      nomination.expiresAt,
    );
    transaction.put(`email ${email.key}`, put);
  }
};

/**
 * The address items of the nomination's addresses that `had` lacks; an address it no longer has
 * (a correction replaced it) stays findable by erasure as a former address, since the history
 * and the emails' records still quote it.
 */
export const addressItems = (transaction: TableTransaction, had: string[], nomination: Nomination) => {
  const has = addressesOf(nomination);
  // Named by a hash: a cancelled transaction's message names its items and may be logged.
  for (const address of had.filter((a) => !has.includes(a))) {
    const hash = addressHash(address);
    transaction.put(`old address ${hash.slice(0, 12)}`, {
      Item: { ...addressItem(address, nomination), type: 'former-address' },
    });
    transaction.put(`former marker ${hash.slice(0, 12)}`, {
      Item: {
        ...keys.formerAddress(nomination.id, hash),
        type: 'former-address',
        addressHash: hash,
        ...expiryOf(nomination),
      },
    });
  }
  for (const address of has.filter((a) => !had.includes(a))) {
    transaction.put(`address ${addressHash(address).slice(0, 12)}`, {
      Item: addressItem(address, nomination),
    });
  }
};

/**
 * The update that turns `before` into `after`: every top-level attribute the use case changed is
 * written as it computed it, and the listing key follows the status.
 */
export const changeSet = (before: Nomination, after: Nomination) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Nomination>;
  let i = 0;
  for (const field of fields) {
    if (isDeepStrictEqual(before[field], after[field])) continue;
    names[`#a${i}`] = field;
    if (after[field] === undefined) remove.push(`#a${i}`);
    else {
      values[`:a${i}`] = after[field];
      set.push(`#a${i} = :a${i}`);
    }
    i += 1;
  }
  values[':gsi1sk'] = keys.byStatus(after.status, after.submittedAt, after.id);
  set.push('gsi1sk = :gsi1sk');
  if (before.status === 'unconfirmed' && after.status !== 'unconfirmed') {
    // Confirmed: listed from now on (and kept: the use case took its `expiresAt` away).
    values[':gsi1pk'] = keys.byProgram(after.programId);
    set.push('gsi1pk = :gsi1pk');
  }
  return {
    UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};
