import type { Actor } from '../domain/actor.ts';
import { ConflictOfInterestError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { hasDeclaredConflict, hasReviewed } from '../domain/reviews.ts';
import { type ChangeDeps, nominationFor, recordChange } from './record-change.ts';

/**
 * A member of staff declares a conflict of interest with a nomination: recorded on it (who, when,
 * why) with an audit entry, in one transaction. From then on they cannot review it and it leaves
 * their queue. Declaring twice is refused, and so is declaring after reviewing: the review
 * already counts, and only an organizer can judge what to do about it.
 */
export const declareConflict = async (
  deps: ChangeDeps,
  nominationId: string,
  actor: Actor,
  declaration: { note?: string | undefined },
): Promise<Nomination> => {
  const before = await nominationFor(deps.nominations, actor, 'declare-conflict', nominationId);
  if (actor.kind !== 'staff') throw new ConflictOfInterestError('Only members of staff declare conflicts');
  if (hasDeclaredConflict(actor, before)) {
    throw new ConflictOfInterestError(
      'You have already declared a conflict of interest with this nomination',
    );
  }
  if (hasReviewed(actor, before)) {
    throw new ConflictOfInterestError(
      'You have already reviewed this nomination; ask an organizer to set your review aside',
    );
  }
  const note = declaration.note || undefined;
  return recordChange(deps, before, actor, {
    action: 'declare-conflict',
    fields: {
      conflicts: [
        ...(before.conflicts ?? []),
        {
          by: actor.id,
          ...(actor.email ? { email: actor.email } : {}),
          at: deps.clock.now().toISOString(),
          ...(note ? { note } : {}),
        },
      ],
    },
    ...(note ? { audit: { note } } : {}),
  });
};
