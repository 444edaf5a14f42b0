import { type Actor, scheduler } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { pool } from '../pool.ts';
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
 * Transitions written at once: each touches only its own nomination's items, and a thousand one
 * after another would outlast the API's 30 seconds.
 */
const transitionsAtOnce = 8;

/**
 * One transition of each listed nomination, conditioned on the version listed: one that someone
 * changed meanwhile (or a second run got to first) is skipped, so nothing is done twice.
 */
const eachAsListed = async (
  deps: TransitionDeps,
  listed: Nomination[],
  actor: Actor,
  action: 'notify' | 'close-reserve',
) => {
  const outcome = { done: 0, skipped: 0 };
  await pool(listed, transitionsAtOnce, async (nomination) => {
    try {
      await applyTransition(deps, nomination, actor, { action, expectedVersion: nomination.version });
      outcome.done += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      outcome.skipped += 1;
    }
  });
  return outcome;
};

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
    const listed = await listAllNominations(deps.nominations, programId, status);
    const { done, skipped } = await eachAsListed(deps, listed, actor, 'notify');
    report.notified += done;
    report.skipped += skipped;
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
  const listed = await reserveList(deps.nominations, programId);
  const { done, skipped } = await eachAsListed(deps, listed, scheduler, 'close-reserve');
  return { closed: done, skipped };
};
