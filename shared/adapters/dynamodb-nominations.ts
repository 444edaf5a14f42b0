// Longer than most files: the one adapter of the nomination store, its every transaction
// (submission, transition, review, conflict, correction, resend) built from named items here.
import { isDeepStrictEqual } from 'node:util';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CapacityReachedError, DuplicateNominationError, VersionConflictError } from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import type { Review } from '../domain/reviews.ts';
import type {
  AuditEntry,
  NominationDetail,
  NominationPage,
  NominationStore,
  OutboxEmail,
  TransitionWrite,
} from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { emailRecord, outboxEmailPut } from './dynamodb-outbox-items.ts';
import { changePlaces, placesItem } from './dynamodb-places.ts';
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

const nominationItem = (n: Nomination): Item => ({
  ...keys.nomination(n.id),
  gsi1pk: keys.byProgram(n.programId),
  gsi1sk: keys.byStatus(n.status, n.submittedAt, n.id),
  type: 'nomination',
  ...n,
});

const guardPut = (programId: string, candidateEmail: string, nominationId: string) => ({
  Item: { ...keys.guard(programId, candidateKey(candidateEmail)), type: 'guard', nominationId },
  ConditionExpression: 'attribute_not_exists(pk)',
});

const duplicate = (email: string) =>
  new DuplicateNominationError(`${email} has already been nominated for this program`);

const auditPut = (nominationId: string, entry: AuditEntry) => ({
  Item: { ...keys.audit(nominationId, entry.version), type: 'audit', ...entry },
  ConditionExpression: 'attribute_not_exists(pk)',
});

const addEmails = (
  transaction: TableTransaction,
  nomination: Nomination,
  emails: OutboxEmail[],
  at: string,
) => {
  for (const email of emails) {
    transaction.put(
      `email ${email.key}`,
      outboxEmailPut({ programId: nomination.programId, nominationId: nomination.id, email }, at),
    );
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

  async create(nomination: Nomination, audit: AuditEntry, emails: OutboxEmail[]): Promise<void> {
    const transaction = this.transaction()
      .put('nomination', {
        Item: nominationItem(nomination),
        ConditionExpression: 'attribute_not_exists(pk)',
      })
      .put('guard', guardPut(nomination.programId, nomination.candidate.email, nomination.id))
      .put('audit', auditPut(nomination.id, audit));
    addEmails(transaction, nomination, emails, audit.at);
    try {
      await transaction.commit();
    } catch (error) {
      // A concurrent submission holding the same guard is the same duplicate, caught in flight.
      if (error instanceof TransactionCancelled && error.contended('guard')) {
        throw duplicate(nomination.candidate.email);
      }
      throw error;
    }
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

  async reviewsOf(id: string): Promise<Review[]> {
    return (await this.partition(id, keys.reviewPrefix)).map((i) => strip<Review>(i));
  }

  /** Every item of a nomination's partition, or those whose sort key begins with `prefix`, consistently read. */
  private async partition(id: string, prefix?: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await callAws(service, () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
            ExpressionAttributeValues: {
              ':pk': keys.nomination(id).pk,
              ...(prefix ? { ':prefix': prefix } : {}),
            },
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
      .put('audit', auditPut(before.id, write.audit));
    addEmails(transaction, before, write.emails, write.audit.at);
    if (write.placeDelta !== 0) changePlaces(transaction, before.programId, write.placeDelta, write.capacity);
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
    try {
      await transaction.commit();
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (write.guardMove && error.contended('new guard')) throw duplicate(write.guardMove.to);
      if (error.reason(placesItem) === 'ConditionalCheckFailed') {
        throw new CapacityReachedError(
          `All ${write.capacity} places are taken; reject or withdraw a selected nomination first`,
        );
      }
      throw new VersionConflictError('The nomination was changed by someone else; reload it and try again');
    }
  }

  private transaction() {
    return new TableTransaction(this.client, this.tableName);
  }
}
