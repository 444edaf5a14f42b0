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
import { candidateAddressChanges } from '../domain/public-limits.ts';
import { formatInZone } from '../domain/time.ts';
import { duplicateNoticeEmail } from '../email/nominator-templates.ts';
import { acknowledgementEmail } from '../email/templates.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { writeHoldingCandidate } from './candidate-guard.ts';
import { type IntakeLimits, perAddressCounters, perLinkCounter } from './intake-counters.ts';
import { changeWrite } from './record-change.ts';
import { applyTransition } from './transition-nomination.ts';

export interface ManageNominationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
  /** The per-address limit a correction's emails count against. */
  limits: IntakeLimits;
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

/** What the nominator may do with a nomination as it stands. */
const managed = (nomination: Nomination, program: Program, now: Date): Managed => ({
  nomination,
  program,
  canCorrect: nominationWindowState(program, now) === 'open' && undecided.has(nomination.status),
  canWithdraw: nomination.status !== 'notified' && allowedActions(nomination).includes('withdraw'),
});

/** How many more times the nominator's link may give the candidate a new address. */
export const addressChangesLeft = (n: Nomination) =>
  Math.max(0, candidateAddressChanges - (n.candidateAddressChanges ?? 0));

/** What the pages and the refusal say once the candidate's address can no longer be changed here. */
export const addressLockedMessage = (program: Program) =>
  `The candidate’s email address has been changed ${candidateAddressChanges} times here, the most allowed; to change it again, please write to ${program.contactEmail}`;

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
  return managed(nomination, program, deps.clock.now());
};

/** The emails a new candidate address causes, and what is sent instead when another nomination holds it. */
const newAddressEmails = (program: Program, after: Nomination) => ({
  emails: [
    {
      key: `acknowledgement-v${after.version}`,
      kind: 'acknowledgement' as const,
      ...acknowledgementEmail(program, after),
    },
  ],
  instead: [
    {
      key: `duplicate-notice-v${after.version}`,
      kind: 'duplicate-notice' as const,
      ...duplicateNoticeEmail(program, after.nominator, 'correction'),
    },
  ],
});

/**
 * The nominator corrects any answer, until the nominations close and before a decision (403
 * otherwise):
 * 1. The whole form again, checked by the submission's rules (400); something must change (400);
 *    a new candidate address only `candidateAddressChanges` times (400, naming the contact address).
 * 2. One transaction: the answers, an audit entry with each changed section before and after, the
 *    link's corrections of the day counted (429 past `correctionsPerDay`), and for a confirmed
 *    nomination given a new candidate address, the guard moved and the acknowledgement sent to
 *    the new address, once, both addresses counted against their per-address limit (429).
 * 3. When another nomination holds the new address, the same answer, the same counters, and the
 *    nominator alone told by email; organizers see `duplicateOf` (candidate-guard.ts).
 */
export const correctByNominator = async (
  deps: ManageNominationDeps,
  token: string,
  body: unknown,
): Promise<Managed> => {
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
  const newAddress = candidateKey(before.candidate.email) !== candidateKey(parsed.candidate.email);
  if (newAddress && addressChangesLeft(before) === 0) {
    throw new ValidationError('The candidate’s email address cannot be changed here any more', [
      { path: 'candidate.email', message: addressLockedMessage(program) },
    ]);
  }
  const now = deps.clock.now();
  const mails = newAddress && before.status !== 'unconfirmed';
  const write = changeWrite(deps, before, nominator, {
    action: 'correct',
    fields: {
      ...parsed,
      ...(newAddress
        ? { candidateAddressChanges: (before.candidateAddressChanges ?? 0) + 1, duplicateOf: undefined }
        : {}),
    },
    audit: { changes: { before: was, after: is } },
    // The same counters whether or not the new address is nominated: the answer must not differ.
    counters: [
      perLinkCounter(program.id, before.id, now),
      ...(mails
        ? perAddressCounters(
            deps.limits,
            program.id,
            [parsed.candidate.email, parsed.nominator.email],
            now,
            `We have written to the candidate’s or your address as often today as a day allows; please try again tomorrow or write to ${program.contactEmail}`,
          )
        : []),
    ],
    ...(mails && holdsCandidateGuard(before)
      ? { guardMove: { from: before.candidate.email, to: parsed.candidate.email } }
      : mails
        ? { guardTake: parsed.candidate.email }
        : {}),
  });
  if (!mails) {
    await deps.nominations.applyTransition(write);
    return managed(write.after, program, now);
  }
  const { emails, instead } = newAddressEmails(program, write.after);
  const { nomination } = await writeHoldingCandidate(
    deps.nominations,
    { ...write, emails },
    {
      note: 'The candidate’s new address already has a nomination in this program',
      emails: instead,
      ...(holdsCandidateGuard(before) ? { guardRelease: before.candidate.email } : {}),
    },
  );
  return managed(nomination, program, now);
};

/** The nominator withdraws the nomination, until the decision is sent (403 after). */
export const withdrawByNominator = async (deps: ManageNominationDeps, token: string): Promise<Managed> => {
  const { nomination: before, program, canWithdraw } = await nominationToManage(deps, token);
  if (!canWithdraw) {
    throw new ForbiddenError(
      before.status === 'withdrawn'
        ? 'This nomination is already withdrawn'
        : 'The decision on this nomination has been sent; to withdraw now, please write to the organizers',
    );
  }
  const after = await applyTransition(deps, before, nominator, { action: 'withdraw' });
  return managed(after, program, deps.clock.now());
};
