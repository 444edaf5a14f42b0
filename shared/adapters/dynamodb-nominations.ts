import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  CapacityReachedError,
  RankTakenError,
  StipendsExhaustedError,
  VersionConflictError,
} from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import type { Review } from '../domain/reviews.ts';
import type { OutboxEmail } from '../ports/email-queue.ts';
import type {
  AuditEntry,
  NominationDetail,
  NominationPage,
  NominationStore,
  SubmissionCounter,
  TransitionWrite,
} from '../ports/nomination-store.ts';
import { callAws } from './aws-errors.ts';
import {
  addCounters,
  addEmails,
  addressItems,
  auditPut,
  changeSet,
  counterRefusal,
  duplicate,
  giveBack,
  guardPut,
  nominationItem,
  strip,
  take,
} from './dynamodb-nomination-items.ts';
import { clearExpiry, stampExpiry } from './dynamodb-nomination-lifetime.ts';
import { emailRecord } from './dynamodb-outbox-items.ts';
import { addressesOf } from './dynamodb-personal-data.ts';
import { changePlaces, changeStipends, placesItem, stipendsItem } from './dynamodb-places.ts';
import { getItem, type Item, queryPartition } from './dynamodb-reads.ts';
import { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { decodeCursor, encodeCursor } from './nomination-cursor.ts';
import { keys, tableDesign } from './table-design.ts';

const service = 'The nomination store';
const byProgramIndex = tableDesign.indexes[0];

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
    addCounters(transaction, counters);
    try {
      await transaction.commit();
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      const tooMany = counterRefusal(error, counters);
      if (tooMany) throw tooMany;
      // A concurrent submission holding the same guard is the same duplicate, caught in flight.
      if (error.contended('guard')) throw duplicate(nomination.candidate.email);
      throw error;
    }
  }

  /** The nomination holding the guard on a candidate's address in a program, if any. */
  private async guardHolder(programId: string, candidateEmail: string): Promise<string | undefined> {
    const guard = await this.item(keys.guard(programId, candidateKey(candidateEmail)));
    return guard?.nominationId as string | undefined;
  }

  async get(id: string): Promise<Nomination | undefined> {
    const item = await this.item(keys.nomination(id));
    return item ? strip<Nomination>(item) : undefined;
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
    const item = await this.item(keys.review(id, reviewer));
    return item ? strip<Review>(item) : undefined;
  }

  async reviewsOf(id: string): Promise<Review[]> {
    return (await this.partition(id, keys.reviewPrefix)).map((i) => strip<Review>(i));
  }

  /** Every item of a nomination's partition, or those whose sort key begins with `prefix`, consistently read. */
  private partition(id: string, prefix?: string): Promise<Item[]> {
    return queryPartition(this.client, this.tableName, service, {
      pk: keys.nomination(id).pk,
      ...(prefix ? { prefix } : {}),
    });
  }

  async takenRanks(programId: string): Promise<number[]> {
    const { pk, sk } = keys.reserveRank(programId, 0);
    const prefix = sk.slice(0, sk.indexOf('#') + 1);
    const items = await queryPartition(this.client, this.tableName, service, {
      pk,
      prefix,
      projection: 'sk',
    });
    return items.map((item) => Number(String(item.sk).slice(prefix.length)));
  }

  async getEmail(id: string, key: string): Promise<OutboxEmail | undefined> {
    const item = await this.item(keys.email(id, key));
    if (!item) return undefined;
    const { key: emailKey, kind, to, cc, subject, html, text, attachments } = item as unknown as OutboxEmail;
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
    addCounters(transaction, write.counters ?? []);
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
      // A full counter first: the answer must not depend on whether the new address was nominated.
      const tooMany = counterRefusal(error, write.counters ?? []);
      if (tooMany) throw tooMany;
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

  private item(key: Record<string, unknown>) {
    return getItem(this.client, this.tableName, service, key);
  }

  private transaction() {
    return new TableTransaction(this.client, this.tableName);
  }
}
