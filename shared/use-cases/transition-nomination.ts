import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { holdsStipend, stipendDelta } from '../domain/cohort.ts';
import { ValidationError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { holdsPlace, nextState, onReserveList, placeDelta } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import { decisionExpiry } from '../domain/retention.ts';
import { type Review, refuseIfConflicted, requireScore, summarizeReview } from '../domain/reviews.ts';
import type { TransitionCommand } from '../domain/transition-command.ts';
import type { Clock, NominationStore, OutboxEmail, ProgramRepository } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import type { ParticipantPages } from './participant-links.ts';
import { requireNomination } from './record-change.ts';

export interface TransitionDeps {
  nominations: NominationStore;
  clock: Clock;
  /** The decision email names the first meeting as the timeline now stands. */
  programs: ProgramRepository;
  /** Who hears that a participant withdrew and a place opened; nobody when not given. */
  organizerEmails?: readonly string[];
  /** The link to a participant's own page, in the email telling them (and them alone) of their place. */
  pages?: ParticipantPages;
}

/** The reserve list of a program in rank order, told or not. */
export const reserveList = async (nominations: NominationStore, programId: string) =>
  [
    ...(await listAllNominations(nominations, programId, 'reserve')),
    ...(await listAllNominations(nominations, programId, 'notified')).filter((n) => n.decision === 'reserve'),
  ].sort((a, b) => (a.reserveRank ?? Infinity) - (b.reserveRank ?? Infinity));

/**
 * The rank a reserve takes: the one asked for, or, when none is, the place after the last one.
 * Re-ranking must name the new rank.
 */
const rankFor = async (deps: TransitionDeps, before: Nomination, command: TransitionCommand) => {
  if (command.rank !== undefined) return command.rank;
  if (onReserveList(before)) {
    throw new ValidationError('The nomination is on the reserve list already', [
      { path: 'rank', message: 'Give the new rank to move it on the list' },
    ]);
  }
  // Read from the rank items themselves, consistently: the listing index may lag a reserve put on
  // the list a moment ago (in the same bulk request, say), which would then be given the same rank.
  return Math.max(0, ...(await deps.nominations.takenRanks(before.programId))) + 1;
};

/** The emails a transition writes with it: what the applicant (and, for a withdrawal, the organizers) are told. */
const emailsOf = async (
  deps: TransitionDeps,
  program: Program,
  before: Nomination,
  after: Nomination,
  action: TransitionCommand['action'],
): Promise<OutboxEmail[]> => {
  const now = deps.clock.now();
  if (action === 'notify') {
    // Loaded for these actions only: the templates' date formatting loads ICU's time-zone data,
    // some 15 ms of a cold start that reviews, selections and rejections do not need.
    const { decisionNotSelectedEmail, decisionSelectedEmail } = await import('../email/templates.ts');
    const { decisionReserveEmail } = await import('../email/cohort-templates.ts');
    if (after.decision === 'selected') {
      const { selectedNoticeEmail } = await import('../email/nominator-templates.ts');
      const page = await deps.pages?.page(program, after);
      // The private page goes to the participant alone; their nominator hears the news apart.
      return [
        { key: 'decision', kind: 'decision-selected', ...decisionSelectedEmail(program, after, now, page) },
        {
          key: 'decision-nominator',
          kind: 'decision-selected-nominator',
          ...selectedNoticeEmail(program, after),
        },
      ];
    }
    if (after.decision === 'reserve')
      return [{ key: 'decision', kind: 'decision-reserve', ...decisionReserveEmail(program, after) }];
    return [{ key: 'decision', kind: 'decision-not-selected', ...decisionNotSelectedEmail(program, after) }];
  }
  if (action === 'offer-place') {
    const { placeOfferedEmail } = await import('../email/templates.ts');
    const { placeOfferedNoticeEmail } = await import('../email/nominator-templates.ts');
    const page = await deps.pages?.page(program, after);
    return [
      { key: 'place-offered', kind: 'place-offered', ...placeOfferedEmail(program, after, now, page) },
      {
        key: 'place-offered-nominator',
        kind: 'place-offered-nominator',
        ...placeOfferedNoticeEmail(program, after),
      },
    ];
  }
  if (action === 'close-reserve') {
    const { reserveClosedEmail } = await import('../email/cohort-templates.ts');
    return [{ key: 'reserve-closed', kind: 'reserve-closed', ...reserveClosedEmail(program, before) }];
  }
  if (action === 'withdraw' && holdsPlace(before) && before.status === 'notified') {
    // A participant who knew they were one: they are told it is recorded, the organizers that a
    // place opened and who is first in line for it.
    const { placeVacatedEmail, withdrawalConfirmedEmail } = await import('../email/cohort-templates.ts');
    const emails: OutboxEmail[] = [
      { key: 'withdrawal', kind: 'withdrawal-confirmed', ...withdrawalConfirmedEmail(program, before) },
    ];
    const organizers = [...(deps.organizerEmails ?? [])];
    if (organizers.length) {
      const first = (await reserveList(deps.nominations, program.id)).slice(0, 3);
      emails.push({
        key: 'place-vacated',
        kind: 'place-vacated',
        ...placeVacatedEmail(program, organizers, before, first),
      });
    }
    return emails;
  }
  return [];
};

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
  refuseIfConflicted(actor, before, command.action);
  if (command.action === 'review') requireScore(command.score);
  if (command.expectedVersion !== undefined && command.expectedVersion !== before.version) {
    throw new VersionConflictError(
      `The nomination is at version ${before.version}, not ${command.expectedVersion}; reload it and try again`,
    );
  }
  const target = nextState(before, command.action);
  const { program } = await deps.programs.require(before.programId);
  const at = deps.clock.now().toISOString();
  const after: Nomination = { ...before, ...target, version: before.version + 1, updatedAt: at };
  const rank = command.action === 'reserve' ? await rankFor(deps, before, command) : undefined;
  if (rank !== undefined) after.reserveRank = rank;
  else if (!onReserveList(after)) delete after.reserveRank;
  // A participant who loses their place gives their stipend back: the decision goes with it (the
  // history keeps it), so a later selection starts without one.
  if (holdsPlace(before) && !holdsPlace(after)) {
    delete after.stipend;
    delete after.stipendTold;
  }
  // Told in the decision email (or the place offered) is told: no stipend email follows.
  if (holdsStipend(after) && after.status === 'notified') after.stipendTold = true;
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
  const emails = await emailsOf(deps, program, before, after, command.action);
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
      ...(rank !== undefined ? { rank } : {}),
    },
    emails,
    placeDelta: placeDelta(before, after),
    capacity: program.capacity.max,
    stipendDelta: stipendDelta(before, after),
    stipendLimit: program.travelStipends.max,
    ...(before.reserveRank !== after.reserveRank
      ? { rankChange: { from: before.reserveRank, to: after.reserveRank } }
      : {}),
    ...(review ? { review } : {}),
    // Withdrawing frees the candidate's address for a new nomination.
    ...(command.action === 'withdraw' ? { guardRelease: before.candidate.email } : {}),
  });
  return after;
};
