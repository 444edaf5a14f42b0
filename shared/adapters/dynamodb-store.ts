import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  CapacityReachedError,
  DuplicateNominationError,
  ValidationError,
  VersionConflictError,
} from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import * as z from '../domain/zod.ts';
import type {
  AuditEntry,
  ClaimedEmail,
  ClaimResult,
  EmailQueue,
  EmailRecord,
  NominationDetail,
  NominationPage,
  NominationStore,
  Outbox,
  OutboxEmail,
  QueuedEmail,
  TransitionWrite,
} from '../ports.ts';
import { withTransientMapping } from './aws-errors.ts';
import { keys, tableDesign } from './table-design.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

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

const [byProgramIndex, unsentIndex] = tableDesign.indexes;

/** Outbox references are the item's key, as the stream record carries it. */
export const outboxRef = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

const auditItem = (nominationId: string, entry: AuditEntry): TransactItem => ({
  Put: {
    TableName: '',
    Item: { ...keys.audit(nominationId, entry.version), type: 'audit', ...entry },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** An outbox email as it is first written: pending, never tried, unique by its key, listed as unsent. */
const outboxPut = ({ programId, nominationId, email }: QueuedEmail, createdAt: string) => {
  const key = nominationId ? keys.email(nominationId, email.key) : keys.programEmail(programId, email.key);
  return {
    TableName: '',
    Item: {
      ...key,
      unsentPk: keys.unsentPartition,
      unsentSk: `${createdAt}#${outboxRef(key)}`,
      type: tableDesign.emailItemType,
      programId,
      ...(nominationId ? { nominationId } : {}),
      ...email,
      status: 'pending',
      attempts: 0,
      createdAt,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
};

const emailItem = (nomination: Nomination, email: OutboxEmail, createdAt: string): TransactItem => ({
  Put: outboxPut({ programId: nomination.programId, nominationId: nomination.id, email }, createdAt),
});

/** Which items of a cancelled transaction failed their condition, by index. */
const failedConditions = (error: TransactionCanceledException) =>
  (error.CancellationReasons ?? []).map((reason) => reason.Code);

/** What the API shows of an outbox email: where it went and whether it was sent, not its body. */
const emailRecord = (item: Item): EmailRecord => {
  const e = item as unknown as EmailRecord;
  return {
    key: e.key,
    kind: e.kind,
    to: e.to,
    cc: e.cc,
    subject: e.subject,
    status: e.status,
    attempts: e.attempts,
    createdAt: e.createdAt,
    ...(e.sentAt ? { sentAt: e.sentAt, messageId: e.messageId } : {}),
    ...(e.lastError ? { lastError: e.lastError } : {}),
  } as EmailRecord;
};

const cursorSchema = z.strictObject({
  p: z.string(),
  s: z.nullable(z.string()),
  k: z.strictObject({ pk: z.string(), sk: z.literal('NOMINATION'), gsi1pk: z.string(), gsi1sk: z.string() }),
});

const encodeCursor = (programId: string, status: string | undefined, key: Item) =>
  Buffer.from(JSON.stringify({ p: programId, s: status ?? null, k: key })).toString('base64url');

const decodeCursor = (cursor: string, programId: string, status: string | undefined) => {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const { k } = parsed;
    // A key DynamoDB would refuse, or one from another list, is the client's mistake: 400, not 500.
    if (
      parsed.p === programId &&
      parsed.s === (status ?? null) &&
      k.gsi1pk === keys.byProgram(programId) &&
      (!status || k.gsi1sk.startsWith(`${status}#`)) &&
      /^NOMINATION#[0-9a-f-]{36}$/.test(k.pk) &&
      k.gsi1sk.endsWith(`#${k.pk.slice('NOMINATION#'.length)}`)
    ) {
      return k;
    }
  } catch {
    // fall through to the one error below
  }
  throw new ValidationError('The cursor is not valid for this list', [
    { path: 'cursor', message: 'Use the cursor exactly as returned by the previous page of the same list' },
  ]);
};

/** Nominations, their audit trail and their outbox in one DynamoDB table. */
export class DynamoDbStore implements NominationStore, Outbox, EmailQueue {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(nomination: Nomination, audit: AuditEntry, emails: OutboxEmail[]): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: '',
          Item: nominationItem(nomination),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: '',
          Item: {
            ...keys.guard(nomination.programId, candidateKey(nomination.candidate.email)),
            type: 'guard',
            nominationId: nomination.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditItem(nomination.id, audit),
      ...emails.map((email) => emailItem(nomination, email, audit.at)),
    ];
    try {
      await this.transact(items);
    } catch (error) {
      // A concurrent submission holding the same guard is the same duplicate, caught in flight.
      const guard = error instanceof TransactionCanceledException ? failedConditions(error)[1] : undefined;
      if (guard === 'ConditionalCheckFailed' || guard === 'TransactionConflict') {
        throw new DuplicateNominationError(
          `${nomination.candidate.email} has already been nominated for this program`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<Nomination | undefined> {
    const { Item } = await withTransientMapping('The nomination store', () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.nomination(id), ConsistentRead: true }),
      ),
    );
    return Item ? strip<Nomination>(Item) : undefined;
  }

  async getDetail(id: string): Promise<NominationDetail | undefined> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await withTransientMapping('The nomination store', () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.nomination(id).pk },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        ),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const nomination = items.find((i) => i.type === 'nomination');
    if (!nomination) return undefined;
    return {
      nomination: strip<Nomination>(nomination),
      history: items.filter((i) => i.type === 'audit').map((i) => strip<AuditEntry>(i)),
      emails: items.filter((i) => i.type === tableDesign.emailItemType).map((i) => emailRecord(i)),
    };
  }

  async list(
    programId: string,
    query: { status?: NominationStatus; limit: number; cursor?: string },
  ): Promise<NominationPage> {
    const start = query.cursor ? decodeCursor(query.cursor, programId, query.status) : undefined;
    const page = await withTransientMapping('The nomination store', () =>
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
    const review = write.audit.action === 'review';
    const items: TransactItem[] = [
      {
        Update: {
          TableName: '',
          Key: keys.nomination(before.id),
          ConditionExpression: '#version = :expected AND #status = :from',
          UpdateExpression: `SET #status = :to, #version = :next, updatedAt = :at, gsi1sk = :gsi1sk${
            after.decision ? ', decision = :decision' : ''
          }${
            review
              ? ', reviewCount = reviewCount + :one, scoreTotal = scoreTotal + :score, scoreCount = if_not_exists(scoreCount, :zero) + :scored'
              : ''
          }`,
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: {
            ':expected': before.version,
            ':from': before.status,
            ':to': after.status,
            ':next': after.version,
            ':at': after.updatedAt,
            ':gsi1sk': keys.byStatus(after.status, after.submittedAt, after.id),
            ...(after.decision ? { ':decision': after.decision } : {}),
            ...(review
              ? {
                  ':one': 1,
                  ':zero': 0,
                  ':score': write.audit.score ?? 0,
                  ':scored': write.audit.score === undefined ? 0 : 1,
                }
              : {}),
          },
        },
      },
      auditItem(before.id, write.audit),
      ...write.emails.map((email) => emailItem(before, email, write.audit.at)),
    ];
    const placesIndex = items.length;
    if (write.placeDelta !== 0) {
      items.push({
        Update: {
          TableName: '',
          Key: keys.places(before.programId),
          UpdateExpression: 'ADD taken :delta',
          ...(write.placeDelta > 0
            ? {
                ConditionExpression: 'attribute_not_exists(taken) OR taken < :capacity',
                ExpressionAttributeValues: { ':delta': 1, ':capacity': write.capacity },
              }
            : { ExpressionAttributeValues: { ':delta': -1 } }),
        },
      });
    }
    try {
      await this.transact(items);
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const codes = failedConditions(error);
        if (codes[placesIndex] === 'ConditionalCheckFailed') {
          throw new CapacityReachedError(
            `All ${write.capacity} places are taken; reject or withdraw a selected nomination first`,
          );
        }
        throw new VersionConflictError('The nomination was changed by someone else; reload it and try again');
      }
      throw error;
    }
  }

  async enqueue(emails: QueuedEmail[], now: Date): Promise<{ queued: number; alreadyQueued: number }> {
    let queued = 0;
    const createdAt = now.toISOString();
    for (const queuedEmail of emails) {
      try {
        await withTransientMapping('The outbox', () =>
          this.client.send(
            new PutCommand({ ...outboxPut(queuedEmail, createdAt), TableName: this.tableName }),
          ),
        );
        queued += 1;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    return { queued, alreadyQueued: emails.length - queued };
  }

  async claim(ref: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    const claim = randomUUID();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: parseRef(ref),
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
          UpdateExpression: 'SET #status = :sending, claim = :claim, leaseUntil = :until ADD attempts :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':sending': 'sending',
            ':now': now.toISOString(),
            ':until': new Date(now.getTime() + leaseMs).toISOString(),
            ':claim': claim,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      const item = Attributes as Item & OutboxEmail & { attempts: number };
      const email: ClaimedEmail = {
        ref,
        claim,
        attempts: item.attempts,
        message: {
          to: item.to,
          cc: item.cc,
          subject: item.subject,
          html: item.html,
          text: item.text,
          ...(item.attachments ? { attachments: item.attachments } : {}),
        },
      };
      return { outcome: 'claimed', email };
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const old = (error as { Item?: Record<string, { S?: string }> }).Item;
      if (old?.status?.S === 'sending') return { outcome: 'leased', until: old.leaseUntil?.S ?? '' };
      return { outcome: 'sent' };
    }
  }

  async markSent(email: ClaimedEmail, messageId: string, now: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: parseRef(email.ref),
        ConditionExpression: 'claim = :claim',
        UpdateExpression:
          'SET #status = :sent, sentAt = :at, messageId = :id REMOVE claim, leaseUntil, lastError, unsentPk, unsentSk',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':claim': email.claim,
          ':sent': 'sent',
          ':at': now.toISOString(),
          ':id': messageId,
        },
      }),
    );
  }

  async release(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: parseRef(email.ref),
          ConditionExpression: 'claim = :claim',
          // Re-keyed by the failure: an email that keeps failing goes to the back of the redrive's
          // queue instead of holding the front for ever.
          UpdateExpression:
            'SET #status = :pending, lastError = :reason, unsentSk = :unsent REMOVE claim, leaseUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':claim': email.claim,
            ':pending': 'pending',
            ':reason': reason.slice(0, 500),
            ':unsent': `${failedAt.toISOString()}#${email.ref}`,
          },
        }),
      );
    } catch (error) {
      // Losing the claim meanwhile is fine: whoever holds it now is responsible for the email.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async listUnsent(before: Date, limit: number): Promise<string[]> {
    const refs: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: unsentIndex.name,
          KeyConditionExpression: '#p = :p AND #s < :before',
          ExpressionAttributeNames: { '#p': unsentIndex.partitionKey, '#s': unsentIndex.sortKey },
          ExpressionAttributeValues: { ':p': keys.unsentPartition, ':before': before.toISOString() },
          Limit: limit - refs.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) refs.push(outboxRef(item as { pk: string; sk: string }));
      startKey = page.LastEvaluatedKey;
    } while (startKey && refs.length < limit);
    return refs;
  }

  private async transact(items: TransactItem[]) {
    for (const item of items) {
      const operation = item.Put ?? item.Update;
      if (operation) operation.TableName = this.tableName;
    }
    await withTransientMapping('The nomination store', () =>
      this.client.send(new TransactWriteCommand({ TransactItems: items })),
    );
  }
}

const parseRef = (ref: string) => {
  const [pk, sk] = ref.split('|');
  return { pk, sk };
};
