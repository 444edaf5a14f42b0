import { type Actor, scheduler } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError } from '../domain/errors.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { applyTransition, reserveList, type TransitionDeps } from './transition-nomination.ts';

export interface NotificationReport {
  /** Decision emails written to the outbox by this call. */
  notified: number;
  /** Decided nominations that someone else notified or changed meanwhile. */
  skipped: number;
  /** Nominations still submitted or reviewed: nobody has decided them yet. */
  undecided: number;
}

/**
 * Notifies every decided nomination of a program: each one is its own `notify` transition,
 * conditioned on the version listed, so a second call, or two at once, write each decision email
 * once.
 */
export const notifyDecisions = async (
  deps: TransitionDeps,
  programId: string,
  actor: Actor,
): Promise<NotificationReport> => {
  authorize(actor, 'notify-decisions', { programId });
  await deps.programs.require(programId);
  const report: NotificationReport = { notified: 0, skipped: 0, undecided: 0 };
  for (const status of ['selected', 'not_selected', 'reserve'] as const) {
    for (const nomination of await listAllNominations(deps.nominations, programId, status)) {
      try {
        await applyTransition(deps, nomination, actor, {
          action: 'notify',
          expectedVersion: nomination.version,
        });
        report.notified += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        report.skipped += 1;
      }
    }
  }
  for (const status of ['submitted', 'reviewed'] as const) {
    report.undecided += (await listAllNominations(deps.nominations, programId, status)).length;
  }
  return report;
};

/**
 * The reserve date has passed: everyone still on the reserve list, told or not, is told the list
 * has closed, each by its own `close-reserve` transition conditioned on the version listed, so a
 * repeated run writes each final email once.
 */
export const closeReserveList = async (
  deps: TransitionDeps,
  programId: string,
): Promise<{ closed: number; skipped: number }> => {
  const report = { closed: 0, skipped: 0 };
  for (const nomination of await reserveList(deps.nominations, programId)) {
    try {
      await applyTransition(deps, nomination, scheduler, {
        action: 'close-reserve',
        expectedVersion: nomination.version,
      });
      report.closed += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      report.skipped += 1;
    }
  }
  return report;
};
