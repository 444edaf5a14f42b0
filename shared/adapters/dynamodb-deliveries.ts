import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { complaintMonths, expiryAfter, expiryAttribute } from '../domain/retention.ts';
import type { ComplaintRegistry, DeliveryLog, DeliveryWrite } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import {
  checkExpiry,
  inherited,
  lifetimeAttempts,
  lifetimeChanged,
  type StoredExpiry,
  storedExpiry,
} from './dynamodb-inherited-expiry.ts';
import { parseOutboxRef } from './dynamodb-outbox-items.ts';
import { addressHash } from './dynamodb-personal-data.ts';
import { TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

const service = 'The delivery log';

/**
 * The mail service's reports, written where they matter: on the email item, as a history entry
 * of its nomination, on the nomination (an address that bounced for good) and per address (a
 * complaint). One transaction per report; the email's list of event ids makes a redelivered
 * report change nothing.
 */
export class DynamoDbDeliveries implements DeliveryLog, ComplaintRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async emailOf(ref: string) {
    const { pk, sk } = parseOutboxRef(ref);
    if (!pk || !sk) return undefined;
    const { Item } = await callAws(service, () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true })),
    );
    if (Item?.type !== 'email') return undefined;
    return {
      programId: String(Item.programId),
      ...(Item.nominationId ? { nominationId: String(Item.nominationId) } : {}),
      key: String(Item.key),
      kind: Item.kind,
    };
  }

  async record(write: DeliveryWrite): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      // Its nomination's lifetime as now stored: the history entry inherits it.
      const lifetime = write.nominationId
        ? await storedExpiry(this.client, this.tableName, write.nominationId)
        : undefined;
      const transaction = this.recording(write, lifetime);
      try {
        await transaction.commit();
        return true;
      } catch (error) {
        if (error instanceof TransactionCancelled && error.contended('email')) return false;
        const changed =
          error instanceof TransactionCancelled &&
          write.nominationId !== undefined &&
          (lifetimeChanged(error, [write.nominationId]) || error.contended('nomination'));
        if (!changed || attempt >= lifetimeAttempts) throw error;
      }
    }
  }

  /** The report's one transaction, for a nomination with `lifetime` (none if it was erased). */
  private recording(
    { event, nominationId, audit, undeliverable, complained }: DeliveryWrite,
    lifetime: StoredExpiry | undefined,
  ) {
    const { ref, ...entry } = event;
    const transaction = new TableTransaction(this.client, this.tableName).update('email', {
      Key: parseOutboxRef(ref),
      ConditionExpression: 'attribute_exists(pk) AND NOT contains(deliveryEventIds, :id)',
      UpdateExpression:
        'SET deliveryEvents = list_append(if_not_exists(deliveryEvents, :none), :events) ADD deliveryEventIds :ids',
      ExpressionAttributeValues: {
        ':id': event.id,
        ':none': [],
        ':events': [entry],
        ':ids': new Set([event.id]),
      },
    });
    if (nominationId && lifetime && !lifetime.gone) {
      const { expiresAt } = lifetime;
      if (audit) {
        transaction.put('audit', {
          Item: {
            ...keys.mailReport(nominationId, event.at, event.id),
            type: 'audit',
            ...audit,
            ...inherited(expiresAt),
          },
        });
      }
      if (undeliverable.length) {
        // Conditioned on the lifetime read, as the check below would be (one operation per item).
        transaction.update('nomination', {
          Key: keys.nomination(nominationId),
          ConditionExpression:
            expiresAt === undefined ? 'attribute_exists(pk) AND attribute_not_exists(#ttl)' : '#ttl = :ttl',
          UpdateExpression: 'SET undeliverable = list_append(if_not_exists(undeliverable, :none), :u)',
          ExpressionAttributeNames: { '#ttl': expiryAttribute },
          ExpressionAttributeValues: {
            ':none': [],
            ':u': undeliverable,
            ...(expiresAt === undefined ? {} : { ':ttl': expiresAt }),
          },
        });
      } else if (audit) {
        checkExpiry(transaction, nominationId, expiresAt);
      }
    }
    // A complaint is honoured for `complaintMonths` after the latest one, then forgotten.
    const complaintExpiry = expiryAfter(event.at, { months: complaintMonths });
    for (const [index, address] of [...new Set(complained.map((a) => a.toLowerCase()))].entries()) {
      transaction.update(`complaint-${index}`, {
        Key: keys.complaint(addressHash(address)),
        UpdateExpression: 'SET #type = :type, complainedAt = :at, #ttl = :ttl ADD complaints :one',
        ExpressionAttributeNames: { '#type': 'type', '#ttl': expiryAttribute },
        ExpressionAttributeValues: {
          ':type': 'complaint',
          ':at': event.at,
          ':one': 1,
          ':ttl': complaintExpiry,
        },
      });
    }
    return transaction;
  }

  async complainedOf(addresses: string[]): Promise<string[]> {
    const unique = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
    if (unique.length === 0) return [];
    const byKey = new Map(unique.map((a) => [keys.complaint(addressHash(a)).pk, a]));
    const found = new Set<string>();
    // A hundred keys per call; an email has a handful of recipients, so one call in practice.
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.tableName]: { Keys: unique.slice(i, i + 100).map((a) => keys.complaint(addressHash(a))) },
      };
      while (request && Object.keys(request).length) {
        const page = await callAws(service, () =>
          this.client.send(new BatchGetCommand({ RequestItems: request })),
        );
        for (const item of page.Responses?.[this.tableName] ?? []) {
          const address = byKey.get(String(item.pk));
          if (address) found.add(address);
        }
        request = page.UnprocessedKeys as typeof request;
      }
    }
    return addresses.filter((a) => found.has(a.trim().toLowerCase()));
  }
}
