// Longer than most files: the one adapter of the nomination store, its every transaction
// (submission, transition, review, conflict, correction, resend) built from named items here.
import { isDeepStrictEqual } from 'node:util';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CapacityReachedError,
  DuplicateNominationError,
  RankTakenError,
  StipendsExhaustedError,
  TooManySubmissionsError,
  VersionConflictError,
} from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import { expiryAttribute } from '../domain/retention.ts';
import type { Review } from '../domain/reviews.ts';
import { epochSeconds } from '../domain/time.ts';
import type {
  AuditEntry,
  NominationDetail,
  NominationPage,
  NominationStore,
  OutboxEmail,
  SubmissionCounter,
  TransitionWrite,
} from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { emailRecord, outboxEmailPut } from './dynamodb-outbox-items.ts';
import { addressesOf, addressHash, addressItem, clearExpiry, stampExpiry } from './dynamodb-personal-data.ts';
import { changePlaces, changeStipends, placesItem, stipendsItem } from './dynamodb-places.ts';
import { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { decodeCursor, encodeCursor } from './nomination-cursor.ts';
import { keys, tableDesign } from './table-design.ts';

type Item = Record<string, unknown>;

const service = 'The nomination store';
const byProgramIndex = tableDesign.indexes[0];

const internalAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type'];
const strip = <T>(item: Item): T => {
  const copy = { ...item };
  for (const attribute of internalAttributes) delete copy[attribute];
  return copy as T;
};

/** Listed by program once confirmed; until then unlisted (its `expiresAt` drops it unconfirmed). */
const nominationItem = (n: Nomination): Item => ({
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

/**
 * An item one nomination holds alone (a candidate's guard, a reserve rank), naming its holder:
 * taken only if free, given back only by its holder (or if it is gone already).
 */
const take = (key: { pk: string; sk: string }, type: string, nominationId: string) => ({
  Item: { ...key, type, nominationId },
  ConditionExpression: 'attribute_not_exists(pk)',
});
const giveBack = (key: { pk: string; sk: string }, nominationId: string) => ({
  Key: key,
  ConditionExpression: 'attribute_not_exists(pk) OR nominationId = :self',
  ExpressionAttributeValues: { ':self': nominationId },
});

const guardPut = (programId: string, candidateEmail: string, nominationId: string) =>
  take(keys.guard(programId, candidateKey(candidateEmail)), 'guard', nominationId);

const duplicate = (email: string) =>
  new DuplicateNominationError(`${email} has already been nominated for this program`);

/** The TTL an item written with a nomination inherits from it, once it has one. */
const expiryOf = (n: Nomination) => (n.expiresAt ? { [expiryAttribute]: n.expiresAt } : {});

const auditPut = (nomination: Nomination, entry: AuditEntry) => ({
  Item: { ...keys.audit(nomination.id, entry.version), type: 'audit', ...entry, ...expiryOf(nomination) },
  ConditionExpression: 'attribute_not_exists(pk)',
});

const addEmails = (
  transaction: TableTransaction,
  nomination: Nomination,
  emails: OutboxEmail[],
  at: string,
) => {
  for (const email of emails) {
    const put = outboxEmailPut({ programId: nomination.programId, nominationId: nomination.id, email }, at);
    transaction.put(`email ${email.key}`, { ...put, Item: { ...put.Item, ...expiryOf(nomination) } });
  }
};

/** The address items of the nomination's addresses that `had` lacks, and the end of those it no longer has. */
const addressItems = (transaction: TableTransaction, had: string[], nomination: Nomination) => {
  const has = addressesOf(nomination);
  // Named by a hash: a cancelled transaction's message names its items and may be logged.
  for (const address of had.filter((a) => !has.includes(a))) {
    transaction.delete(`old address ${addressHash(address).slice(0, 12)}`, {
      Key: keys.person(addressHash(address), nomination.id),
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
const changeSet = (before: Nomination, after: Nomination) => {
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

/** Nominations with their audit trail and their emails, under one partition each. */
export class DynamoDbNominationStore implements NominationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    nomination: Nomination,
    audit: AuditEntry,
    emails: OutboxEmail[],
    counters: readonly SubmissionCounter[] = [],
  ): Promise<void> {
    const transaction = this.transaction().put('nomination', {
      Item: nominationItem(nomination),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    if (nomination.status !== 'unconfirmed') {
      transaction.put('guard', guardPut(nomination.programId, nomination.candidate.email, nomination.id));
    }
    transaction.put('audit', auditPut(nomination, audit));
    addressItems(transaction, [], nomination);
    addEmails(transaction, nomination, emails, audit.at);
    for (const counter of counters) transaction.update(`counter ${counter.key}`, counterUpdate(counter));
    try {
      await transaction.commit();
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      for (const counter of counters) {
        if (error.reason(`counter ${counter.key}`) === 'ConditionalCheckFailed') {
          throw new TooManySubmissionsError(counter.refusal);
        }
      }
      // A concurrent submission holding the same guard is the same duplicate, caught in flight.
      if (error.contended('guard')) throw duplicate(nomination.candidate.email);
      throw error;
    }
  }

  /** The nomination holding the guard on a candidate's address in a program, if any. */
  private async guardHolder(programId: string, candidateEmail: string): Promise<string | undefined> {
    const { Item } = await callAws(service, () =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.guard(programId, candidateKey(candidateEmail)),
          ConsistentRead: true,
        }),
      ),
    );
    return Item?.nominationId as string | undefined;
  }

  async get(id: string): Promise<Nomination | undefined> {
    const { Item } = await callAws(service, () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.nomination(id), ConsistentRead: true }),
      ),
    );
    return Item ? strip<Nomination>(Item) : undefined;
  }

  async getDetail(id: string): Promise<NominationDetail | undefined> {
    const items = await this.partition(id);
    const nomination = items.find((i) => i.type === 'nomination');
    if (!nomination) return undefined;
    return {
      nomination: strip<Nomination>(nomination),
      // In time order: the mail service's reports have keys of their own, after the versions'.
      history: items
        .filter((i) => i.type === 'audit')
        .map((i) => strip<AuditEntry>(i))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
      emails: items.filter((i) => i.type === tableDesign.emailItemType).map((i) => emailRecord(i)),
      reviews: items.filter((i) => i.type === 'review').map((i) => strip<Review>(i)),
    };
  }

  async reviewBy(id: string, reviewer: string): Promise<Review | undefined> {
    const { Item } = await callAws(service, () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.review(id, reviewer), ConsistentRead: true }),
      ),
    );
    return Item ? strip<Review>(Item) : undefined;
  }

  async reviewsOf(id: string): Promise<Review[]> {
    return (await this.partition(id, keys.reviewPrefix)).map((i) => strip<Review>(i));
  }

  /** Every item of a nomination's partition, or those whose sort key begins with `prefix`, consistently read. */
  private partition(id: string, prefix?: string): Promise<Item[]> {
    const pk = keys.nomination(id).pk;
    return this.queryAll(pk, prefix);
  }

  async takenRanks(programId: string): Promise<number[]> {
    const { pk, sk } = keys.reserveRank(programId, 0);
    const prefix = sk.slice(0, sk.indexOf('#') + 1);
    return (await this.queryAll(pk, prefix, 'sk')).map((item) =>
      Number(String(item.sk).slice(prefix.length)),
    );
  }

  /** Every item under `pk` (whose sort key begins with `prefix`, if given), page by page, consistently read. */
  private async queryAll(pk: string, prefix?: string, projection?: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await callAws(service, () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':prefix': prefix } : {}) },
            ...(projection ? { ProjectionExpression: projection } : {}),
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async getEmail(id: string, key: string): Promise<OutboxEmail | undefined> {
    const { Item } = await callAws(service, () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.email(id, key), ConsistentRead: true }),
      ),
    );
    if (!Item) return undefined;
    const { key: emailKey, kind, to, cc, subject, html, text, attachments } = Item as OutboxEmail;
    return { key: emailKey, kind, to, cc, subject, html, text, ...(attachments ? { attachments } : {}) };
  }

  async list(
    programId: string,
    query: { status?: NominationStatus; limit: number; cursor?: string },
  ): Promise<NominationPage> {
    const start = query.cursor ? decodeCursor(query.cursor, programId, query.status) : undefined;
    const page = await callAws(service, () =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: byProgramIndex.name,
          KeyConditionExpression: query.status ? 'gsi1pk = :p AND begins_with(gsi1sk, :s)' : 'gsi1pk = :p',
          ExpressionAttributeValues: {
            ':p': keys.byProgram(programId),
            ...(query.status ? { ':s': `${query.status}#` } : {}),
          },
          Limit: query.limit,
          ExclusiveStartKey: start,
        }),
      ),
    );
    return {
      items: (page.Items ?? []).map((i) => strip<Nomination>(i)),
      ...(page.LastEvaluatedKey
        ? { cursor: encodeCursor(programId, query.status, page.LastEvaluatedKey) }
        : {}),
    };
  }

  async applyTransition(write: TransitionWrite): Promise<void> {
    const { before, after } = write;
    const { ExpressionAttributeNames, ExpressionAttributeValues, UpdateExpression } = changeSet(
      before,
      after,
    );
    const transaction = this.transaction()
      .update('nomination', {
        Key: keys.nomination(before.id),
        ConditionExpression: '#version = :expected AND #status = :from',
        UpdateExpression,
        ExpressionAttributeNames: { ...ExpressionAttributeNames, '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: {
          ...ExpressionAttributeValues,
          ':expected': before.version,
          ':from': before.status,
        },
      })
      .put('audit', auditPut(after, write.audit));
    addEmails(transaction, after, write.emails, write.audit.at);
    addressItems(transaction, addressesOf(before), after);
    if (write.placeDelta !== 0) changePlaces(transaction, before.programId, write.placeDelta, write.capacity);
    if (write.stipendDelta) {
      changeStipends(transaction, before.programId, write.stipendDelta, write.stipendLimit ?? 0);
    }
    const { from: rankGiven, to: rankTaken } = write.rankChange ?? {};
    if (rankGiven !== undefined) {
      transaction.delete('old rank', giveBack(keys.reserveRank(before.programId, rankGiven), before.id));
    }
    if (rankTaken !== undefined) {
      transaction.put('new rank', take(keys.reserveRank(before.programId, rankTaken), 'rank', before.id));
    }
    // The nomination's version condition serialises every write of its reviews and guard.
    if (write.review) {
      transaction.put('review', {
        Item: { ...keys.review(before.id, write.review.reviewer), type: 'review', ...write.review },
      });
    }
    if (write.guardMove) {
      transaction
        .delete('old guard', { Key: keys.guard(before.programId, candidateKey(write.guardMove.from)) })
        .put('new guard', guardPut(before.programId, write.guardMove.to, before.id));
    }
    if (write.guardTake) transaction.put('new guard', guardPut(before.programId, write.guardTake, before.id));
    if (write.guardRelease) {
      // Only the holder gives it back: a duplicate's withdrawal leaves the first nomination's guard.
      transaction.delete(
        'released guard',
        giveBack(keys.guard(before.programId, candidateKey(write.guardRelease)), before.id),
      );
    }
    try {
      await transaction.commit();
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      const taken = write.guardMove?.to ?? write.guardTake;
      if (taken && error.contended('new guard')) {
        const refused = duplicate(taken);
        refused.holder = await this.guardHolder(before.programId, taken);
        throw refused;
      }
      if (rankTaken !== undefined && error.reason('new rank') === 'ConditionalCheckFailed') {
        throw new RankTakenError(
          `Rank ${rankTaken} on the reserve list is taken; give another rank or move that reserve first`,
        );
      }
      if (error.reason(stipendsItem) === 'ConditionalCheckFailed') {
        throw new StipendsExhaustedError(
          `All ${write.stipendLimit} travel stipends are awarded; change another award first`,
        );
      }
      if (error.reason(placesItem) === 'ConditionalCheckFailed') {
        throw new CapacityReachedError(
          `All ${write.capacity} places are taken; reject or withdraw a selected nomination first`,
        );
      }
      throw new VersionConflictError('The nomination was changed by someone else; reload it and try again');
    }
    // Its fate is known now: every other item of it gets the same lifetime. Or, confirmed, it is
    // kept: the items written while it was unconfirmed lose the 48 hours they inherited.
    if (after.expiresAt && after.expiresAt !== before.expiresAt) {
      await stampExpiry(this.client, this.tableName, after, after.expiresAt);
    } else if (before.expiresAt && !after.expiresAt) {
      await clearExpiry(this.client, this.tableName, after);
    }
  }

  private transaction() {
    return new TableTransaction(this.client, this.tableName);
  }
}
