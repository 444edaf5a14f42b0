import type { Actor } from '../domain/actor.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { AuditEntry, OutboxEmail, ProgramRepository } from '../ports.ts';
import { type ChangeDeps, detailFor, recordChange } from './record-change.ts';

const resendSuffix = /#resend-\d+$/;

/**
 * Where each address the email went to now points: a candidate's or nominator's address, as it
 * was before any correction, becomes their current one; any other address stays.
 */
const readdress = (nomination: Nomination, history: AuditEntry[]) => {
  const current = new Map<string, string>();
  for (const person of ['candidate', 'nominator'] as const) {
    const now = nomination[person].email;
    current.set(candidateKey(now), now);
    for (const entry of history) {
      const old = entry.changes?.before[`${person}.email`];
      if (typeof old === 'string') current.set(candidateKey(old), now);
    }
  }
  return (addresses: string[]) => [...new Set(addresses.map((a) => current.get(candidateKey(a)) ?? a))];
};

/**
 * A sent email's content is not kept (the privacy notice says so): the emails of the nomination
 * itself are written again from the nomination as it is now; a timeline email's occasion has passed.
 */
const rewrite = async (deps: ResendDeps, nomination: Nomination, sent: OutboxEmail): Promise<OutboxEmail> => {
  const templates = await import('../email/templates.ts');
  const cohort = await import('../email/cohort-templates.ts');
  const nominator = await import('../email/nominator-templates.ts');
  const write = {
    acknowledgement: templates.acknowledgementEmail,
    'decision-selected': templates.decisionSelectedEmail,
    'decision-selected-nominator': nominator.selectedNoticeEmail,
    'place-offered-nominator': nominator.placeOfferedNoticeEmail,
    'decision-not-selected': templates.decisionNotSelectedEmail,
    'decision-reserve': cohort.decisionReserveEmail,
    'place-offered': templates.placeOfferedEmail,
    'reserve-closed': cohort.reserveClosedEmail,
    'stipend-awarded': cohort.stipendAwardedEmail,
  }[sent.kind as string];
  if (!write) {
    throw new ConflictError(
      `The email "${sent.key}" was sent and its content is no longer kept; only a nomination's acknowledgement, decisions and stipend award can be written again`,
    );
  }
  const { program } = await deps.programs.require(nomination.programId);
  return { key: sent.key, kind: sent.kind, ...write(program, nomination, deps.clock.now()) };
};

export interface ResendDeps extends ChangeDeps {
  programs: ProgramRepository;
}

/**
 * An organizer has an email of a nomination queued again, as a copy under a new key
 * (`<key>#resend-<n>`) to the nomination's current addresses, with an audit entry, in one
 * transaction. Any email may be resent, whatever its status: a "sent" email may still never have
 * arrived, and the console offers it for a failed, bounced or rejected one, after the address is
 * corrected. Its content, dropped once sent, is written again where it can be (`rewrite`).
 */
export const resendEmail = async (
  deps: ResendDeps,
  nominationId: string,
  key: string,
  actor: Actor,
): Promise<OutboxEmail> => {
  const detail = await detailFor(deps.nominations, actor, 'resend-email', nominationId);
  const original = detail.emails.some((e) => e.key === key)
    ? await deps.nominations.getEmail(nominationId, key)
    : undefined;
  if (!original) throw new NotFoundError(`The nomination has no email "${key}"`);
  const content =
    original.html === undefined && original.text === undefined
      ? await rewrite(deps, detail.nomination, original)
      : original;
  const base = key.replace(resendSuffix, '');
  const copies = detail.emails.filter(
    (e) => e.key.startsWith(`${base}#resend-`) && resendSuffix.test(e.key.slice(base.length)),
  ).length;
  const to = readdress(detail.nomination, detail.history);
  const copy: OutboxEmail = {
    ...content,
    key: `${base}#resend-${copies + 1}`,
    to: to(original.to),
    cc: to(original.cc),
  };
  await recordChange(deps, detail.nomination, actor, {
    action: 'resend-email',
    audit: { emailKey: key, resentAs: copy.key },
    emails: [copy],
  });
  return copy;
};
