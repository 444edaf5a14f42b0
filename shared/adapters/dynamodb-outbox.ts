import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ClaimedEmail, ClaimResult, EmailQueue, Outbox, OutboxEmail, QueuedEmail } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { checkExpiry, lifetimeAttempts, lifetimeChanged, storedExpiry } from './dynamodb-inherited-expiry.ts';
import { outboxEmailPut, outboxRef, parseOutboxRef } from './dynamodb-outbox-items.ts';
import { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys, tableDesign } from './table-design.ts';

const unsentIndex = tableDesign.indexes[1];
const service = 'The outbox';

/**
 * The outbox: emails queued by state changes and scheduled occasions, claimed and marked by the
 * senders. Each email is one item; a claim is a conditional update on it.
 */
export class DynamoDbOutbox implements Outbox, EmailQueue {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enqueue(emails: QueuedEmail[], now: Date): Promise<{ queued: number; alreadyQueued: number }> {
    const counts = { queued: 0, alreadyQueued: 0 };
    const createdAt = now.toISOString();
    for (const queuedEmail of emails) {
      const outcome = queuedEmail.nominationId
        ? await this.enqueueForNomination(queuedEmail, queuedEmail.nominationId, createdAt)
        : await this.put(outboxEmailPut(queuedEmail, createdAt));
      if (outcome === 'queued') counts.queued += 1;
      else if (outcome === 'already') counts.alreadyQueued += 1;
    }
    return counts;
  }

  private async put(put: ReturnType<typeof outboxEmailPut>): Promise<'queued' | 'already'> {
    try {
      await callAws(service, () => this.client.send(new PutCommand({ TableName: this.tableName, ...put })));
      return 'queued';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return 'already';
    }
  }

  /**
   * An email filed with a nomination, with the nomination's TTL as it is when written (an
   * announcement to past applicants lives no longer than their data); none for a nomination
   * erased meanwhile.
   */
  private async enqueueForNomination(
    queuedEmail: QueuedEmail,
    nominationId: string,
    createdAt: string,
  ): Promise<'queued' | 'already' | 'erased'> {
    for (let attempt = 1; ; attempt += 1) {
      const lifetime = await storedExpiry(this.client, this.tableName, nominationId);
      if (lifetime.gone) return 'erased';
      const transaction = new TableTransaction(this.client, this.tableName).put(
        'email',
        outboxEmailPut(queuedEmail, createdAt, lifetime.expiresAt),
      );
      checkExpiry(transaction, nominationId, lifetime.expiresAt);
      try {
        await transaction.commit();
        return 'queued';
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        if (error.reason('email') === 'ConditionalCheckFailed') return 'already';
        if (!lifetimeChanged(error, [nominationId]) || attempt >= lifetimeAttempts) throw error;
      }
    }
  }

  async claim(ref: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    const claim = randomUUID();
    try {
      const { Attributes } = await this.update({
        Key: parseOutboxRef(ref),
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
      });
      const item = Attributes as OutboxEmail & { attempts: number; programId: string; nominationId?: string };
      const email: ClaimedEmail = {
        ref,
        claim,
        attempts: item.attempts,
        kind: item.kind,
        programId: item.programId,
        ...(item.nominationId ? { nominationId: item.nominationId } : {}),
        message: {
          to: item.to,
          cc: item.cc,
          subject: item.subject,
          html: item.html,
          text: item.text,
          ...(item.replyTo ? { replyTo: item.replyTo } : {}),
          ...(item.attachments ? { attachments: item.attachments } : {}),
        },
      };
      return { outcome: 'claimed', email };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The condition's failure carries the item as it was, in DynamoDB's own encoding.
      const old = error.Item ? unmarshall(error.Item) : undefined;
      if (old?.status === 'sending') return { outcome: 'leased', until: String(old.leaseUntil ?? '') };
      return { outcome: 'sent' };
    }
  }

  /**
   * Marks the email sent and drops its content (bodies, attachments): what stays is the record of
   * it (kind, recipients, subject, status, times, any recipients withheld) until the nomination's
   * own erasure.
   */
  async markSent(email: ClaimedEmail, messageId: string, now: Date, withheld?: string[]): Promise<void> {
    await this.update({
      Key: parseOutboxRef(email.ref),
      ConditionExpression: 'claim = :claim',
      UpdateExpression: `SET #status = :sent, sentAt = :at, messageId = :id${withheld ? ', withheld = :withheld' : ''} REMOVE claim, leaseUntil, lastError, unsentPk, unsentSk, #html, #text, #attachments`,
      ExpressionAttributeNames: {
        '#status': 'status',
        '#html': 'html',
        '#text': 'text',
        '#attachments': 'attachments',
      },
      ExpressionAttributeValues: {
        ':claim': email.claim,
        ':sent': 'sent',
        ':at': now.toISOString(),
        ':id': messageId,
        ...(withheld ? { ':withheld': withheld } : {}),
      },
    });
  }

  async fail(email: ClaimedEmail, reason: string, failedAt: Date, alert?: QueuedEmail): Promise<void> {
    const at = failedAt.toISOString();
    const transaction = new TableTransaction(this.client, this.tableName).update('email', {
      Key: parseOutboxRef(email.ref),
      ConditionExpression: 'claim = :claim',
      // Out of the `unsent` index: no sweep takes it up again, so it raises no second alert.
      UpdateExpression:
        'SET #status = :failed, failedAt = :at, lastError = :reason REMOVE claim, leaseUntil, unsentPk, unsentSk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':claim': email.claim,
        ':failed': 'failed',
        ':at': at,
        ':reason': reason.slice(0, 500),
      },
    });
    if (alert) transaction.put('alert', outboxEmailPut(alert, at));
    try {
      await transaction.commit();
    } catch (error) {
      // The claim lost meanwhile: whoever holds it now decides the email's fate.
      if (!(error instanceof TransactionCancelled && error.contended('email'))) throw error;
    }
  }

  async hold(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void> {
    try {
      await this.update({
        Key: parseOutboxRef(email.ref),
        ConditionExpression: 'claim = :claim',
        // Status and lease stay: the next claim waits for the lease; the sweep sees it as failing now.
        UpdateExpression: 'SET lastError = :reason, unsentSk = :unsent REMOVE claim',
        ExpressionAttributeValues: {
          ':claim': email.claim,
          ':reason': reason.slice(0, 500),
          ':unsent': `${failedAt.toISOString()}#${email.ref}`,
        },
      });
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async suppress(email: ClaimedEmail, withheld: string[], at: Date): Promise<void> {
    await this.update({
      Key: parseOutboxRef(email.ref),
      ConditionExpression: 'claim = :claim',
      UpdateExpression:
        'SET #status = :suppressed, suppressedAt = :at, withheld = :withheld REMOVE claim, leaseUntil, lastError, unsentPk, unsentSk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':claim': email.claim,
        ':suppressed': 'suppressed',
        ':at': at.toISOString(),
        ':withheld': withheld,
      },
    });
  }

  async release(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void> {
    try {
      await this.update({
        Key: parseOutboxRef(email.ref),
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
      });
    } catch (error) {
      // Losing the claim meanwhile is fine: whoever holds it now is responsible for the email.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listUnsent(before: Date, limit: number): Promise<string[]> {
    const refs: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await callAws(service, () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: unsentIndex.name,
            KeyConditionExpression: '#p = :p AND #s < :before',
            ExpressionAttributeNames: { '#p': unsentIndex.partitionKey, '#s': unsentIndex.sortKey },
            ExpressionAttributeValues: { ':p': keys.unsentPartition, ':before': before.toISOString() },
            Limit: limit - refs.length,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      for (const item of page.Items ?? []) refs.push(outboxRef(item as { pk: string; sk: string }));
      startKey = page.LastEvaluatedKey;
    } while (startKey && refs.length < limit);
    return refs;
  }

  private update(input: Omit<UpdateCommandInput, 'TableName'>) {
    return callAws(service, () =>
      this.client.send(new UpdateCommand({ TableName: this.tableName, ...input })),
    );
  }
}
