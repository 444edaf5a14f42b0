import type { Actor } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { inQueueOf } from '../domain/reviews.ts';
import * as z from '../domain/zod.ts';
import type { NominationPage } from '../ports.ts';
import type { ReadNominationsDeps } from './read-nominations.ts';

/** The statuses a queue holds, in the order it is worked: the unreviewed first. */
const phases = ['submitted', 'reviewed'] as const;
/** Index pages read per call at most: a page may come back short, never slow. */
const maxReads = 10;

const queueCursorSchema = z.strictObject({
  q: z.literal('mine'),
  phase: z.int().check(z.minimum(0), z.maximum(phases.length - 1)),
  c: z.optional(z.string()),
});
type QueueCursor = z.infer<typeof queueCursorSchema>;

const encode = (cursor: QueueCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const decode = (cursor: string): QueueCursor => {
  try {
    return queueCursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('The cursor is not valid for this list', [
      { path: 'cursor', message: 'Use the cursor exactly as returned by the previous page of the same list' },
    ]);
  }
};

/**
 * The caller's queue: submitted, then reviewed, nominations they have not reviewed and have no
 * conflict with. It reads the program index by status (no Scan) and leaves out what is not the
 * caller's, asking each index page for only as many as the page still lacks, so the cursor always
 * points just past the last nomination looked at. A page may hold fewer than `limit` items, even
 * none, while a cursor follows; the queue is over when no cursor comes back.
 */
export const listQueue = async (
  deps: ReadNominationsDeps,
  actor: Actor,
  programId: string,
  query: { limit: number; cursor?: string },
): Promise<NominationPage> => {
  authorize(actor, 'list-nominations', { programId });
  const { program } = await deps.programs.require(programId);
  let { phase, c: cursor } = query.cursor ? decode(query.cursor) : { phase: 0, c: undefined };
  const items: Nomination[] = [];
  for (let reads = 0; phase < phases.length && items.length < query.limit && reads < maxReads; reads++) {
    const page = await deps.nominations.list(program.id, {
      status: phases[phase],
      limit: query.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items.filter((n) => inQueueOf(actor, n)));
    cursor = page.cursor;
    if (!cursor) phase += 1;
  }
  return {
    items,
    ...(phase < phases.length
      ? { cursor: encode({ q: 'mine', phase, ...(cursor ? { c: cursor } : {}) }) }
      : {}),
  };
};
