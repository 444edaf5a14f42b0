import type { Actor } from '../domain/actor.ts';
import { ConflictError } from '../domain/errors.ts';
import { findProgram } from './find-program.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { type TransitionDeps, transitionNomination } from './transition-nomination.ts';

export interface NotificationReport {
  /** Decision emails written to the outbox by this call. */
  notified: number;
  /** Decided nominations that someone else notified or changed meanwhile. */
  skipped: number;
  /** Nominations still submitted or reviewed: nobody has decided them yet. */
  undecided: number;
}

/**
 * Notifies every decided nomination of a program: each one is its own `notify` transition, so a
 * second call, or two at once, write each decision email once.
 */
export const notifyDecisions = async (
  deps: TransitionDeps,
  programId: string,
  actor: Actor,
): Promise<NotificationReport> => {
  findProgram(programId);
  const report: NotificationReport = { notified: 0, skipped: 0, undecided: 0 };
  for (const status of ['selected', 'not_selected'] as const) {
    for (const nomination of await listAllNominations(deps.store, programId, status)) {
      try {
        await transitionNomination(deps, nomination.id, actor, {
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
    report.undecided += (await listAllNominations(deps.store, programId, status)).length;
  }
  return report;
};
