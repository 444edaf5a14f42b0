import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictOfInterestError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { nextState, placeDelta } from '../domain/nomination-states.ts';
import { decisionExpiry } from '../domain/retention.ts';
import { hasDeclaredConflict, type Review, summarizeReview } from '../domain/reviews.ts';
import type { TransitionCommand } from '../domain/transition-command.ts';
import type { Clock, NominationStore, OutboxEmail, ProgramRepository } from '../ports.ts';
import { requireNomination } from './record-change.ts';

export interface TransitionDeps {
  nominations: NominationStore;
  clock: Clock;
  /** The decision email names the first meeting as the timeline now stands. */
  programs: ProgramRepository;
}

/** How often a review that met another reviewer's concurrent review is tried again. */
const reviewAttempts = 3;

/**
 * 1. Check the actor may perform the action (403), then load the nomination (404), with the
 *    actor's own review for a review.
 * 2. Apply it: see `applyTransition`.
 *
 * A review without `expectedVersion` that meets another reviewer's concurrent change is read and
 * tried again: it replaces only the reviewer's own review, so two reviewers never have to retry.
 */
export const transitionNomination = async (
  deps: TransitionDeps,
  nominationId: string,
  actor: Actor,
  command: TransitionCommand,
): Promise<Nomination> => {
  authorize(actor, command.action, 'any-program');
  for (let attempt = 1; ; attempt += 1) {
    const { before, ownReview } = await load(deps, nominationId, actor, command);
    authorize(actor, command.action, { programId: before.programId });
    try {
      return await applyTransition(deps, before, actor, command, ownReview);
    } catch (error) {
      const retry =
        error instanceof VersionConflictError &&
        command.action === 'review' &&
        command.expectedVersion === undefined &&
        attempt < reviewAttempts;
      if (!retry) throw error;
    }
  }
};

/**
 * The nomination and, for a reviewer who reviewed it before, their own review: two item reads at
 * most, whatever the nomination's history and emails hold. A stale read of either fails the
 * version check of the write, and the review is read again.
 */
const load = async (deps: TransitionDeps, nominationId: string, actor: Actor, command: TransitionCommand) => {
  const before = await requireNomination(deps.nominations, nominationId);
  const reviewedBefore =
    command.action === 'review' && actor.kind === 'staff' && (before.reviewedBy ?? []).includes(actor.id);
  return {
    before,
    ownReview: reviewedBefore ? await deps.nominations.reviewBy(nominationId, actor.id) : undefined,
  };
};

/**
 * For an actor already authorized, on the nomination as read:
 * 1. Check the caller's expectedVersion, if given, against the stored one (409).
 * 2. Compute the next state from the state table (409 listing the allowed actions).
 * 3. Write the new state, the audit entry, the decision email (for notify) and the change in
 *    places taken in one transaction conditioned on the version read (409 on a concurrent
 *    change or when the program is full).
 */
export const applyTransition = async (
  deps: TransitionDeps,
  before: Nomination,
  actor: Actor,
  command: TransitionCommand,
  /** For a review: the reviewer's earlier review, which the new one replaces. */
  ownReview?: Review,
): Promise<Nomination> => {
  if (command.action === 'review' && hasDeclaredConflict(actor, before)) {
    throw new ConflictOfInterestError(
      'You declared a conflict of interest with this nomination, so you cannot review it',
    );
  }
  if (command.expectedVersion !== undefined && command.expectedVersion !== before.version) {
    throw new VersionConflictError(
      `The nomination is at version ${before.version}, not ${command.expectedVersion}; reload it and try again`,
    );
  }
  const target = nextState(before, command.action);
  const { program } = await deps.programs.require(before.programId);
  const at = deps.clock.now().toISOString();
  const after: Nomination = { ...before, ...target, version: before.version + 1, updatedAt: at };
  // A known fate starts the data's lifetime; a lifetime once set stays (a participant's, say).
  const expiresAt = before.expiresAt ?? decisionExpiry(program, target, at);
  if (expiresAt) after.expiresAt = expiresAt;
  const review: Review | undefined =
    command.action === 'review'
      ? {
          reviewer: actor.id,
          ...(actor.kind === 'staff' && actor.email ? { email: actor.email } : {}),
          ...(command.score !== undefined ? { score: command.score } : {}),
          ...(command.note ? { note: command.note } : {}),
          at,
        }
      : undefined;
  if (review) Object.assign(after, summarizeReview(before, ownReview, review));
  const emails: OutboxEmail[] = [];
  if (command.action === 'notify') {
    // Loaded for notify only: the templates' date formatting loads ICU's time-zone data, some
    // 15 ms of a cold start that reviews, selections and rejections do not need.
    const { decisionNotSelectedEmail, decisionSelectedEmail } = await import('../email/templates.ts');
    emails.push(
      target.decision === 'selected'
        ? { key: 'decision', kind: 'decision-selected', ...decisionSelectedEmail(program, before) }
        : { key: 'decision', kind: 'decision-not-selected', ...decisionNotSelectedEmail(program, before) },
    );
  }
  await deps.nominations.applyTransition({
    before,
    after,
    audit: {
      at,
      actor: actorName(actor),
      actorId: actor.id,
      action: command.action,
      from: before.status,
      to: after.status,
      version: after.version,
      ...(command.note ? { note: command.note } : {}),
      ...(command.score !== undefined ? { score: command.score } : {}),
    },
    emails,
    placeDelta: placeDelta(before, after),
    capacity: program.capacity.max,
    ...(review ? { review } : {}),
    // Withdrawing frees the candidate's address for a new nomination.
    ...(command.action === 'withdraw' ? { guardRelease: before.candidate.email } : {}),
  });
  return after;
};
