import type { TableTransaction } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

/** The names of a program's limited counts in a transaction, to read its cancellation reasons by. */
export const placesItem = 'places';
export const stipendsItem = 'stipends';

/**
 * A program's counter of something limited (places taken, stipends awarded), changed in the
 * transaction that takes one (+1, refused once `limit` are taken) or gives one back (−1).
 * Counting in one item is what makes the limit hold when two organizers take the last at once.
 */
const changeCount = (
  transaction: TableTransaction,
  name: string,
  key: Record<string, string>,
  delta: -1 | 1,
  limit: number,
) =>
  transaction.update(name, {
    Key: key,
    UpdateExpression: 'ADD taken :delta',
    ...(delta > 0
      ? {
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':delta': 1, ':limit': limit },
        }
      : { ExpressionAttributeValues: { ':delta': -1 } }),
  });

export const changePlaces = (
  transaction: TableTransaction,
  programId: string,
  delta: -1 | 1,
  capacity: number,
) => changeCount(transaction, placesItem, keys.places(programId), delta, capacity);

export const changeStipends = (
  transaction: TableTransaction,
  programId: string,
  delta: -1 | 1,
  limit: number,
) => changeCount(transaction, stipendsItem, keys.stipends(programId), delta, limit);
