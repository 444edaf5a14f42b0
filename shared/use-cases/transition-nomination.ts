import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { isNominationId } from '../domain/nomination-id.ts';
import { nextState, placeDelta } from '../domain/nomination-states.ts';
import type { TransitionCommand } from '../domain/transition-command.ts';
import type { Clock, NominationStore, OutboxEmail, ProgramRepository } from '../ports.ts';

export interface TransitionDeps {
  nominations: NominationStore;
  clock: Clock;
  /** The decision email names the first meeting as the timeline now stands. */
  programs: ProgramRepository;
}

/**
 * 1. Check the actor may perform the action (403), then load the nomination (404).
 * 2. Apply it: see `applyTransition`.
 */
export const transitionNomination = async (
  deps: TransitionDeps,
  nominationId: string,
  actor: Actor,
  command: TransitionCommand,
): Promise<Nomination> => {
  authorize(actor, command.action);
  const before = isNominationId(nominationId) ? await deps.nominations.get(nominationId) : undefined;
  if (!before) throw new NotFoundError(`There is no nomination "${nominationId}"`);
  return applyTransition(deps, before, actor, command);
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
): Promise<Nomination> => {
  if (command.expectedVersion !== undefined && command.expectedVersion !== before.version) {
    throw new VersionConflictError(
      `The nomination is at version ${before.version}, not ${command.expectedVersion}; reload it and try again`,
    );
  }
  const target = nextState(before, command.action);
  const { program } = await deps.programs.require(before.programId);
  const at = deps.clock.now().toISOString();
  const after: Nomination = { ...before, ...target, version: before.version + 1, updatedAt: at };
  if (command.action === 'review') {
    after.reviewCount = before.reviewCount + 1;
    after.scoreTotal = before.scoreTotal + (command.score ?? 0);
    after.scoreCount = (before.scoreCount ?? 0) + (command.score === undefined ? 0 : 1);
  }
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
  });
  return after;
};
