import type { Actor } from '../domain/actor.ts';
import { ForbiddenError, NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { isNominationId } from '../domain/nomination-id.ts';
import { nextState, placeDelta } from '../domain/nomination-states.ts';
import type { TransitionCommand } from '../domain/transition-command.ts';
import type { Clock, NominationStore, OutboxEmail, ProgramRepository } from '../ports.ts';

export interface TransitionDeps {
  store: NominationStore;
  clock: Clock;
  /** The decision email names the first meeting as the timeline now stands. */
  programs: ProgramRepository;
}

/** Reviewers (the advisory group) may read and review; organizers may do everything. */
const mayPerform = (actor: Actor, action: TransitionCommand['action']) =>
  actor.groups.includes('organizers') || (action === 'review' && actor.groups.includes('reviewers'));

/**
 * 1. Load the nomination (404) and check the actor may perform the action (403).
 * 2. Check the caller's expectedVersion, if given, against the stored one (409).
 * 3. Compute the next state from the state table (409 listing the allowed actions).
 * 4. Write the new state, the audit entry, the decision email (for notify) and the change in
 *    places taken in one transaction conditioned on the version read in step 1 (409 on a
 *    concurrent change or when the program is full).
 */
export const transitionNomination = async (
  deps: TransitionDeps,
  nominationId: string,
  actor: Actor,
  command: TransitionCommand,
): Promise<Nomination> => {
  if (!mayPerform(actor, command.action)) {
    throw new ForbiddenError(`Only organizers may ${command.action} nominations; reviewers may review`);
  }
  const before = isNominationId(nominationId) ? await deps.store.get(nominationId) : undefined;
  if (!before) throw new NotFoundError(`There is no nomination "${nominationId}"`);
  if (command.expectedVersion !== undefined && command.expectedVersion !== before.version) {
    throw new VersionConflictError(
      `The nomination is at version ${before.version}, not ${command.expectedVersion}; reload it and try again`,
    );
  }
  const target = nextState(before, command.action);
  const program = (await deps.programs.get(before.programId))?.program;
  if (!program) throw new NotFoundError(`There is no program "${before.programId}"`);
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
  await deps.store.applyTransition({
    before,
    after,
    audit: {
      at,
      actor: actor.email ?? actor.id,
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
