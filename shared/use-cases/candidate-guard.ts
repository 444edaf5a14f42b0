import { DuplicateNominationError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { NominationStore, OutboxEmail, TransitionWrite } from '../ports.ts';

/** What a write becomes when the candidate's address turns out to be another nomination's. */
export interface AsDuplicate {
  /** The nomination's own note in its history: why it holds no guard. */
  note: string;
  /** What is sent instead of the write's own emails: a note to the nominator alone. */
  emails: OutboxEmail[];
  /** The guard the nomination held before, given back: its candidate no longer has that address. */
  guardRelease?: string;
}

/**
 * Writes a change that gives a nomination its candidate's address to hold (a confirmation takes
 * the guard, a correction moves it), with the emails the change causes. When another nomination
 * holds the address, the same change is written again as a duplicate: no guard, `duplicateOf`
 * naming the holder for organizers, and `asDuplicate`'s emails instead. The caller answers the
 * same either way, so its answer never tells whether a person was nominated; only the nominator
 * learns it, by email. Everything else of the write (its counters included) stays the same.
 */
export const writeHoldingCandidate = async (
  store: NominationStore,
  write: TransitionWrite,
  asDuplicate: AsDuplicate,
): Promise<{ nomination: Nomination; duplicate: boolean }> => {
  try {
    await store.applyTransition(write);
    return { nomination: write.after, duplicate: false };
  } catch (error) {
    if (!(error instanceof DuplicateNominationError)) throw error;
    const { guardMove: _, guardTake: __, ...rest } = write;
    const after: Nomination = { ...write.after, ...(error.holder ? { duplicateOf: error.holder } : {}) };
    await store.applyTransition({
      ...rest,
      after,
      audit: { ...write.audit, note: asDuplicate.note },
      emails: asDuplicate.emails,
      ...(asDuplicate.guardRelease ? { guardRelease: asDuplicate.guardRelease } : {}),
    });
    return { nomination: after, duplicate: true };
  }
};
