import { ValidationError } from '../domain/errors.ts';
import * as z from '../domain/zod.ts';
import { keys } from './table-design.ts';

/**
 * The list's cursor: DynamoDB's LastEvaluatedKey, opaque to the client, and checked on the way
 * back in so a key DynamoDB would refuse, or one from another list, is the client's mistake (400),
 * not a 500.
 */
const cursorSchema = z.strictObject({
  p: z.string(),
  s: z.nullable(z.string()),
  k: z.strictObject({ pk: z.string(), sk: z.literal('NOMINATION'), gsi1pk: z.string(), gsi1sk: z.string() }),
});

export const encodeCursor = (programId: string, status: string | undefined, key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify({ p: programId, s: status ?? null, k: key })).toString('base64url');

export const decodeCursor = (cursor: string, programId: string, status: string | undefined) => {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const { k } = parsed;
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
