import { isDeepStrictEqual } from 'node:util';
import { nominator } from '../domain/actor.ts';
import { ExpiredLinkError, ForbiddenError, ValidationError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import {
  candidateKey,
  holdsCandidateGuard,
  type Nomination,
  nominationInputSchema,
} from '../domain/nomination.ts';
import { allowedActions } from '../domain/nomination-states.ts';
import { nominationWindowState, type Program } from '../domain/program.ts';
import { formatInZone } from '../domain/time.ts';
import { acknowledgementEmail } from '../email/templates.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { recordChange } from './record-change.ts';
import { applyTransition } from './transition-nomination.ts';

export interface ManageNominationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
}

export interface Managed {
  nomination: Nomination;
  program: Program;
  /** Answers may be corrected: until the nominations close, and only before a decision. */
  canCorrect: boolean;
  /** It may be withdrawn: until the decision is sent. */
  canWithdraw: boolean;
}

const undecided = new Set(['unconfirmed', 'submitted', 'reviewed']);

/**
 * What the holder of a manage link may see and do. The link is the nominator's key to one
 * nomination; once the decisions are sent it still shows the nomination, and changes nothing.
 */
export const nominationToManage = async (deps: ManageNominationDeps, token: string): Promise<Managed> => {
  const link = await deps.links.verify(token, 'manage');
  const nomination = await deps.nominations.get(link.nominationId);
  if (!nomination) {
    throw new ExpiredLinkError(
      'This nomination no longer exists: it was not confirmed in time, or it was erased.',
    );
  }
  const { program } = await deps.programs.require(nomination.programId);
  const open = nominationWindowState(program, deps.clock.now()) === 'open';
  return {
    nomination,
    program,
    canCorrect: open && undecided.has(nomination.status),
    canWithdraw: nomination.status !== 'notified' && allowedActions(nomination).includes('withdraw'),
  };
};

/**
 * The nominator corrects any answer, until the nominations close and before a decision (403
 * otherwise): the whole form again, checked by the submission's rules (400), something must
 * change (400). One transaction: the answers, an audit entry with each changed section before and
 * after, and, for a new candidate address, the guard moved (409 if another nomination holds it)
 * and the acknowledgement to the new address, once: a candidate learns of their nomination from us.
 */
export const correctByNominator = async (
  deps: ManageNominationDeps,
  token: string,
  body: unknown,
): Promise<Nomination> => {
  const { nomination: before, program, canCorrect } = await nominationToManage(deps, token);
  if (!canCorrect) {
    throw new ForbiddenError(
      `The answers could be corrected until the nominations closed on ${formatInZone(new Date(program.nominationWindow.closesAt), program.timeZone)}, before a decision; please write to the organizers`,
    );
  }
  const parsed = parseOrRefuse(nominationInputSchema(program), body, 'Some answers need correcting');
  const answers = parsed as unknown as Record<string, unknown>;
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(answers)) {
    const old = (before as unknown as Record<string, unknown>)[section];
    // Key order is not kept by the table's maps: compare values, not their JSON.
    if (isDeepStrictEqual(old, value)) continue;
    was[section] = old;
    is[section] = value;
  }
  if (Object.keys(is).length === 0) {
    throw new ValidationError('The correction changes nothing', [
      { path: '', message: 'Change an answer first' },
    ]);
  }
  const after = { ...before, ...parsed };
  const newAddress = candidateKey(before.candidate.email) !== candidateKey(after.candidate.email);
  const version = before.version + 1;
  return recordChange(deps, before, nominator, {
    action: 'correct',
    fields: parsed,
    audit: { changes: { before: was, after: is } },
    ...(newAddress && holdsCandidateGuard(before)
      ? { guardMove: { from: before.candidate.email, to: after.candidate.email } }
      : {}),
    ...(newAddress && before.status !== 'unconfirmed'
      ? {
          emails: [
            {
              key: `acknowledgement-v${version}`,
              kind: 'acknowledgement' as const,
              ...acknowledgementEmail(program, { ...after, version }),
            },
          ],
        }
      : {}),
  });
};

/** The nominator withdraws the nomination, until the decision is sent (403 after). */
export const withdrawByNominator = async (deps: ManageNominationDeps, token: string): Promise<Nomination> => {
  const { nomination: before, canWithdraw } = await nominationToManage(deps, token);
  if (!canWithdraw) {
    throw new ForbiddenError(
      before.status === 'withdrawn'
        ? 'This nomination is already withdrawn'
        : 'The decision on this nomination has been sent; to withdraw now, please write to the organizers',
    );
  }
  return applyTransition(deps, before, nominator, { action: 'withdraw' });
};
