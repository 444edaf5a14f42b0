import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../domain/errors.ts';
import { callAws } from './aws-errors.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Put = Omit<NonNullable<TransactItem['Put']>, 'TableName'>;
const throttled = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

type Update = Omit<NonNullable<TransactItem['Update']>, 'TableName'>;
type Delete = Omit<NonNullable<TransactItem['Delete']>, 'TableName'>;
type Check = Omit<NonNullable<TransactItem['ConditionCheck']>, 'TableName'>;

/** The most items DynamoDB takes in one TransactWriteItems. */
export const maxTransactionItems = 100;

/** Why DynamoDB cancelled a transaction, per item: `ConditionalCheckFailed`, `TransactionConflict`, … */
export class TransactionCancelled extends Error {
  override name = 'TransactionCancelled';
  constructor(
    private readonly reasons: ReadonlyMap<string, string>,
    options: { cause: unknown },
  ) {
    super(
      `Transaction cancelled: ${[...reasons].map(([item, code]) => `${item} ${code}`).join(', ')}`,
      options,
    );
  }

  /** The reason the named item failed, if it did. */
  reason(item: string): string | undefined {
    return this.reasons.get(item);
  }

  /** Whether the named item's condition failed, or a concurrent transaction held it. */
  contended(item: string): boolean {
    const code = this.reasons.get(item);
    return code === 'ConditionalCheckFailed' || code === 'TransactionConflict';
  }
}

/**
 * One TransactWriteItems on the table, its items named by what they are. DynamoDB reports a
 * cancellation reason per item by position; this turns them back into names, so the adapter asks
 * "did the guard fail?" rather than "did item 1 fail?".
 */
export class TableTransaction {
  private readonly items: { name: string; item: TransactItem }[] = [];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  put(name: string, put: Put): this {
    this.items.push({ name, item: { Put: { TableName: this.tableName, ...put } } });
    return this;
  }

  update(name: string, update: Update): this {
    this.items.push({ name, item: { Update: { TableName: this.tableName, ...update } } });
    return this;
  }

  delete(name: string, remove: Delete): this {
    this.items.push({ name, item: { Delete: { TableName: this.tableName, ...remove } } });
    return this;
  }

  /** A condition on an item the transaction does not write: the others are written only if it holds. */
  check(name: string, check: Check): this {
    this.items.push({ name, item: { ConditionCheck: { TableName: this.tableName, ...check } } });
    return this;
  }

  /** Writes every item or none; TransactionCancelled names the items that failed. */
  async commit(): Promise<void> {
    const names = new Set(this.items.map((i) => i.name));
    if (names.size !== this.items.length) throw new Error('Each item of a transaction needs its own name');
    const [only] = this.items;
    if (this.items.length === 1 && only && !only.item.ConditionCheck) return this.commitOne(only);
    try {
      await callAws('The database', () =>
        this.client.send(new TransactWriteCommand({ TransactItems: this.items.map((i) => i.item) })),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = new Map<string, string>();
      (error.CancellationReasons ?? []).forEach((reason, index) => {
        const item = this.items[index];
        if (item && reason.Code && reason.Code !== 'None') reasons.set(item.name, reason.Code);
      });
      // A throttled item says nothing about the request: retryable, like any throttling.
      if ([...reasons.values()].some((code) => throttled.has(code))) {
        throw new ServiceUnavailableError('The database is temporarily unavailable; please try again', {
          cause: error,
        });
      }
      throw new TransactionCancelled(reasons, { cause: error });
    }
  }

  /**
   * A transaction of one write is that write, conditioned alike: half the capacity on AWS, and far
   * less work for DynamoDB Local (a delivery report on decision day writes one item).
   */
  private async commitOne({ name, item }: { name: string; item: TransactItem }): Promise<void> {
    const command = item.Put
      ? new PutCommand(item.Put)
      : item.Update
        ? new UpdateCommand(item.Update)
        : new DeleteCommand(item.Delete as NonNullable<TransactItem['Delete']>);
    try {
      await callAws('The database', () => this.client.send(command as PutCommand));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new TransactionCancelled(new Map([[name, 'ConditionalCheckFailed']]), { cause: error });
    }
  }
}
