import { type Actor, groupsIn } from './actor.ts';
import type { Permission } from './authorization.ts';
import { ConflictOfInterestError, ValidationError } from './errors.ts';
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
 * nomination only once they have reviewed it themselves; organizers always do. Nobody who
 * declared a conflict of interest with it does.
 */
export const seesReviews = (actor: Actor, n: Nomination) =>
  !hasDeclaredConflict(actor, n) &&
  (actor.kind === 'system' || isOrganizer(actor, n.programId) || hasReviewed(actor, n));

/** Whether the viewer may read what staff wrote about the nomination: not once they declared a conflict. */
export const seesNotes = (actor: Actor, n: Nomination) => !hasDeclaredConflict(actor, n);

/** The nomination without what staff wrote about it (the stipend decision's note), for a conflicted viewer. */
export const withoutNotes = (n: Nomination): Nomination => {
  if (n.stipend?.note === undefined) return n;
  const { note: _, ...stipend } = n.stipend;
  return { ...n, stipend };
};

/**
 * What a member of staff who declared a conflict of interest may no longer do to the nomination:
 * judge it (review, decide, rank, offer or close a place, withdraw it) or change what it is judged
 * on (its people, its region, its stipend). Telling a decision others made (notify), sending an
 * email again and reading remain.
 */
const judging: ReadonlySet<Permission> = new Set<Permission>([
  'review',
  'select',
  'reject',
  'reserve',
  'offer-place',
  'close-reserve',
  'withdraw',
  'award-stipend',
  'classify-nomination',
  'correct-nomination',
]);

/** 409 ConflictOfInterest when the actor declared a conflict with the nomination and `permission` judges it. */
export const refuseIfConflicted = (actor: Actor, n: Nomination, permission: Permission) => {
  if (!judging.has(permission) || !hasDeclaredConflict(actor, n)) return;
  throw new ConflictOfInterestError(
    permission === 'review'
      ? 'You declared a conflict of interest with this nomination, so you cannot review it'
      : 'You declared a conflict of interest with this nomination, so you cannot decide or change it; another organizer can',
  );
};

/**
 * A review commits the reviewer to a score: one without would count as reviewed and show them the
 * others' reviews for nothing (the schema refuses it at the edge; this keeps every caller to it).
 */
export const requireScore = (score: number | undefined) => {
  if (score !== undefined) return;
  throw new ValidationError('A review needs a score', [
    { path: 'score', message: 'A review needs a score from 1 to 5' },
  ]);
};

/** What belongs in a reviewer's queue: open for review, not yet reviewed by them, no conflict. */
export const inQueueOf = (actor: Actor, n: Nomination) =>
  (n.status === 'submitted' || n.status === 'reviewed') &&
  !hasReviewed(actor, n) &&
  !hasDeclaredConflict(actor, n);
