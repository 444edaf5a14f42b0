import { tableDesign } from '#shared/adapters/table-design';

/**
 * The partition keys a DynamoDB command names, as IAM sees them in `dynamodb:LeadingKeys`: the
 * key of each item it reads or writes, or the partition a Query of the table reads. Undefined
 * when the command names none that can be told before it runs (a Scan, a Query of an index):
 * a function whose grant is limited to some partitions may not send those.
 */

type Input = Record<string, unknown>;

/** A key attribute's value from either client: a plain string, or `{ S: string }`. */
const stringOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  const s = (value as { S?: unknown } | undefined)?.S;
  return typeof s === 'string' ? s : undefined;
};

const partitionOf = (item: unknown): string | undefined =>
  stringOf((item as Input | undefined)?.[tableDesign.partitionKey]);

/** The item or key each kind of request names. */
const namedItem = (request: Input): unknown =>
  request.Key ?? request.Item ?? (request.PutRequest as Input)?.Item ?? (request.DeleteRequest as Input)?.Key;

/**
 * The value a Query's key condition gives the table's partition key: `pk = :v`, or through an
 * attribute name (`#p = :v` with `#p` naming `pk`).
 */
const queriedPartition = (input: Input): string | undefined => {
  if (input.IndexName !== undefined || typeof input.KeyConditionExpression !== 'string') return undefined;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const clause of input.KeyConditionExpression.split(/\s+AND\s+/i)) {
    const match = /^\s*\(?\s*(#?[\w]+)\s*=\s*(:[\w]+)\s*\)?\s*$/.exec(clause);
    if (!match) continue;
    const [, name = '', placeholder = ''] = match;
    if ((names[name] ?? name) === tableDesign.partitionKey) return stringOf(values[placeholder]);
  }
  return undefined;
};

const all = (keys: (string | undefined)[]): string[] | undefined =>
  keys.length > 0 && keys.every((k) => k !== undefined) ? (keys as string[]) : undefined;

export const partitionsOf = (command: {
  constructor: { name: string };
  input?: unknown;
}): string[] | undefined => {
  const name = command.constructor.name.replace(/Command$/, '');
  const input = (command.input ?? {}) as Input;
  switch (name) {
    case 'Get':
    case 'GetItem':
    case 'Put':
    case 'PutItem':
    case 'Update':
    case 'UpdateItem':
    case 'Delete':
    case 'DeleteItem':
      return all([partitionOf(namedItem(input))]);
    case 'TransactGet':
    case 'TransactGetItems':
    case 'TransactWrite':
    case 'TransactWriteItems':
      return all(
        ((input.TransactItems ?? []) as Input[]).flatMap((item) =>
          Object.values(item).map((request) => partitionOf(namedItem(request as Input))),
        ),
      );
    case 'BatchGet':
    case 'BatchGetItem':
    case 'BatchWrite':
    case 'BatchWriteItem':
      return all(
        Object.values((input.RequestItems ?? {}) as Record<string, unknown>).flatMap((requests) =>
          Array.isArray(requests)
            ? requests.map((request) => partitionOf(namedItem(request as Input)))
            : ((requests as { Keys?: unknown[] }).Keys ?? []).map(partitionOf),
        ),
      );
    case 'Query':
      return all([queriedPartition(input)]);
    default:
      return undefined;
  }
};
