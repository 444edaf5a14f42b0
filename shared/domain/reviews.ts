import { type Actor, groupsIn } from './actor.ts';
import type { Nomination } from './nomination.ts';

/** One reviewer's review of one nomination: reviewing again replaces it. */
export interface Review {
  /** The reviewer's `sub`: the key, since an email can change and a sub cannot. */
  reviewer: string;
  email?: string;
  score?: number;
  note?: string;
  at: string;
}

/** A member of staff saying they cannot judge a nomination fairly. */
export interface ConflictDeclaration {
  /** The declarer's `sub`. */
  by: string;
  email?: string;
  at: string;
  note?: string;
}

type ReviewSummary = Pick<Nomination, 'reviewCount' | 'scoreCount' | 'scoreTotal' | 'reviewedBy'>;

/**
 * The nomination's review summary once `next` replaces `previous` (the same reviewer's earlier
 * review, if any): reviewers are counted once, and only their latest score counts.
 */
export const summarizeReview = (
  before: Nomination,
  previous: Review | undefined,
  next: Review,
): ReviewSummary => {
  const reviewedBy = before.reviewedBy ?? [];
  const known = previous !== undefined || reviewedBy.includes(next.reviewer);
  const oldScore = previous?.score;
  const newScore = next.score;
  return {
    reviewCount: before.reviewCount + (known ? 0 : 1),
    scoreCount:
      (before.scoreCount ?? 0) - (oldScore === undefined ? 0 : 1) + (newScore === undefined ? 0 : 1),
    scoreTotal: before.scoreTotal - (oldScore ?? 0) + (newScore ?? 0),
    reviewedBy: known ? reviewedBy : [...reviewedBy, next.reviewer],
  };
};

export const hasReviewed = (actor: Actor, n: Nomination) =>
  actor.kind === 'staff' && (n.reviewedBy ?? []).includes(actor.id);

export const hasDeclaredConflict = (actor: Actor, n: Nomination) =>
  actor.kind === 'staff' && (n.conflicts ?? []).some((c) => c.by === actor.id);

/** An organizer in the program: of every program, or of that one. */
export const isOrganizer = (actor: Actor, programId: string) =>
  actor.kind === 'staff' && groupsIn(actor, programId).includes('organizers');

/**
 * Blind until you have reviewed: a reviewer sees other reviewers' scores and notes of a
 * nomination only once they have reviewed it themselves; organizers always do.
 */
export const seesReviews = (actor: Actor, n: Nomination) =>
  actor.kind === 'system' || isOrganizer(actor, n.programId) || hasReviewed(actor, n);

/** What belongs in a reviewer's queue: open for review, not yet reviewed by them, no conflict. */
export const inQueueOf = (actor: Actor, n: Nomination) =>
  (n.status === 'submitted' || n.status === 'reviewed') &&
  !hasReviewed(actor, n) &&
  !hasDeclaredConflict(actor, n);
