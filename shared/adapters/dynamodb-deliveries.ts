import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplaintRegistry, DeliveryLog, DeliveryWrite } from '../ports.ts';
import { callAws } from './aws-errors.ts';
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

  async record({ event, nominationId, audit, undeliverable, complained }: DeliveryWrite): Promise<boolean> {
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
    if (nominationId && audit) {
      transaction.put('audit', {
        Item: { ...keys.mailReport(nominationId, event.at, event.id), type: 'audit', ...audit },
      });
    }
    if (nominationId && undeliverable.length) {
      transaction.update('nomination', {
        Key: keys.nomination(nominationId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET undeliverable = list_append(if_not_exists(undeliverable, :none), :u)',
        ExpressionAttributeValues: { ':none': [], ':u': undeliverable },
      });
    }
    for (const [index, address] of [...new Set(complained.map((a) => a.toLowerCase()))].entries()) {
      transaction.update(`complaint-${index}`, {
        Key: keys.complaint(addressHash(address)),
        UpdateExpression: 'SET #type = :type, complainedAt = :at ADD complaints :one',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'complaint', ':at': event.at, ':one': 1 },
      });
    }
    try {
      await transaction.commit();
      return true;
    } catch (error) {
      if (error instanceof TransactionCancelled && error.contended('email')) return false;
      throw error;
    }
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
