import type { ScheduledEvent } from '#events/contracts';
import type { NominationStore, ProgramRepository } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';

export interface DecisionsCheckDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
}

export interface DecisionsCheck {
  kind: ScheduledEvent['kind'];
  /** Selected or not selected, and not yet told: each should have been notified when decisions were due. */
  decidedNotNotified: number;
  /** Their ids (no personal data), for the person who answers the alarm. */
  nominationIds: string[];
}

/**
 * After decisions are due, the decided nominations that are still not notified: the
 * decisions-due run failed for them, or a decision came after it. Reads only; the count is the
 * alarm's metric, and notifying them is a person's call (POST /programs/{programId}/notifications).
 */
export const checkDecisionsNotified = async (
  deps: DecisionsCheckDeps,
  input: ScheduledEvent,
): Promise<DecisionsCheck> => {
  const { program } = await deps.programs.require(input.programId);
  const decided = [
    ...(await listAllNominations(deps.nominations, program.id, 'selected')),
    ...(await listAllNominations(deps.nominations, program.id, 'not_selected')),
    ...(await listAllNominations(deps.nominations, program.id, 'reserve')),
  ];
  return { kind: input.kind, decidedNotNotified: decided.length, nominationIds: decided.map((n) => n.id) };
};
