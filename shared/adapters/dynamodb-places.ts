import type { TableTransaction } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

/** The name of the places counter in a transaction, to read its cancellation reason by. */
export const placesItem = 'places';

/**
 * A program's places counter, changed in the transaction that selects (+1, refused once `capacity`
 * are taken) or gives a place back (−1). Counting in one item is what makes the limit hold when
 * two organizers select the last place at once.
 */
export const changePlaces = (
  transaction: TableTransaction,
  programId: string,
  delta: -1 | 1,
  capacity: number,
) =>
  transaction.update(placesItem, {
    Key: keys.places(programId),
    UpdateExpression: 'ADD taken :delta',
    ...(delta > 0
      ? {
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :capacity',
          ExpressionAttributeValues: { ':delta': 1, ':capacity': capacity },
        }
      : { ExpressionAttributeValues: { ':delta': -1 } }),
  });
