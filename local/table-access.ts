import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionEntry } from '#functions/catalog';
import { partitionsOf } from './table-partitions.ts';

/**
 * DynamoDB Local checks no IAM, so the local stack does what the function's role does on AWS:
 * while a catalog function runs, every DynamoDB command it sends must be covered by the actions
 * its catalog entry declares (`access.table`), and name only the partitions it declares
 * (`access.partitions`, when it has them), or it fails as AWS would fail it. Every
 * integration and end-to-end test thereby checks that the catalog grants what the code issues.
 */

/** The function whose handler is running, for the commands it sends. */
const running = new AsyncLocalStorage<FunctionEntry>();

/** The IAM actions a DynamoDB command needs: a transaction needs the action of each of its items. */
export const actionsOf = (command: { constructor: { name: string }; input?: unknown }): string[] => {
  const name = command.constructor.name.replace(/Command$/, '');
  const input = (command.input ?? {}) as { TransactItems?: Record<string, unknown>[] };
  switch (name) {
    case 'Get':
    case 'GetItem':
    case 'TransactGet':
    case 'TransactGetItems':
      return ['GetItem'];
    case 'Put':
    case 'PutItem':
      return ['PutItem'];
    case 'Update':
    case 'UpdateItem':
      return ['UpdateItem'];
    case 'Delete':
    case 'DeleteItem':
      return ['DeleteItem'];
    case 'BatchGet':
    case 'BatchGetItem':
      return ['BatchGetItem'];
    case 'BatchWrite':
    case 'BatchWriteItem':
      return ['BatchWriteItem'];
    case 'TransactWrite':
    case 'TransactWriteItems': {
      const byItem: Record<string, string> = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
      };
      const actions = (input.TransactItems ?? []).flatMap((item) =>
        Object.keys(item).map((key) => byItem[key] ?? key),
      );
      return [...new Set(actions)];
    }
    default:
      // Query, Scan, DescribeTable and the rest are named as IAM names them.
      return [name];
  }
};

/** Thrown as DynamoDB throws it when the role lacks the action. */
export class LocalAccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
}

const guard = (entry: FunctionEntry, command: { constructor: { name: string }; input?: unknown }) => {
  const granted = new Set<string>(entry.access.table ?? []);
  const missing = actionsOf(command).filter((action) => !granted.has(action));
  if (missing.length)
    throw new LocalAccessDenied(
      `${entry.name} is not authorized to perform: ${missing.map((a) => `dynamodb:${a}`).join(', ')} (its catalog entry's access.table does not list it)`,
    );
  const { partitions } = entry.access;
  if (!partitions) return;
  // As dynamodb:LeadingKeys on AWS: every item the command names is in a partition granted. The
  // key itself is not named (a guard's holds an address); its kind is.
  const named = partitionsOf(command);
  const outside = named
    ? named.filter((pk) => !partitions.includes(pk)).map((pk) => `the partition ${pk.split('#')[0]}#…`)
    : ['items without naming their partition (a Scan, or a Query of an index)'];
  if (outside.length)
    throw new LocalAccessDenied(
      `${entry.name} is not authorized to reach ${outside.join(', ')}: its catalog entry's access.partitions does not list it`,
    );
};

let installed = false;

/**
 * Puts the check in front of both DynamoDB clients' `send`, once per process. Commands sent
 * outside a catalog function (the local stack's own setup, a test's direct reads) pass.
 */
export const enforceTableAccess = () => {
  if (installed) return;
  installed = true;
  for (const Client of [DynamoDBClient, DynamoDBDocumentClient]) {
    const prototype = Client.prototype as unknown as { send: (...args: unknown[]) => unknown };
    const send = prototype.send;
    prototype.send = function (this: unknown, ...args: unknown[]) {
      const entry = running.getStore();
      if (entry) {
        try {
          guard(entry, args[0] as Parameters<typeof guard>[1]);
        } catch (error) {
          const callback = args.find((a) => typeof a === 'function') as ((e: unknown) => void) | undefined;
          if (callback) return callback(error);
          return Promise.reject(error);
        }
      }
      return send.apply(this, args);
    };
  }
};

/** `handler`, run as `entry`: what it sends to DynamoDB is checked against the entry's grant. */
export const asCatalogFunction = <H extends (...args: never[]) => unknown>(
  entry: FunctionEntry,
  handler: H,
): H => ((...args: Parameters<H>) => running.run(entry, () => handler(...args))) as H;
