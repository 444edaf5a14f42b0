import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { candidateKey } from '../domain/nomination.ts';
import * as z from '../domain/zod.ts';
import type { Clock, FormerRecord, PersonalDataStore, PersonalRecord } from '../ports.ts';

/** The request names the person by address, in the body: a query string ends up in access logs. */
const requestSchema = z.strictObject({ email: z.email().check(z.maxLength(254)) });

const addressOf = (body: unknown) => {
  const parsed = parseOrRefuse(requestSchema, body, 'Give the person’s email address');
  return parsed.email;
};

export interface PersonalDataDeps {
  personalData: PersonalDataStore;
  clock: Clock;
}

export interface PersonalDataExport {
  email: string;
  exportedAt: string;
  /** Each nomination the address is in, as the candidate's, the nominator's or both. */
  nominations: PersonalRecord[];
  /** Each nomination it was in until a correction replaced it: what still quotes it. */
  formerly: FormerRecord[];
}

/**
 * An organizer answers a request for a copy: everything stored about the address (the
 * nominations where it is the candidate's or the nominator's, their history, reviews and emails).
 * The export is recorded, without the address.
 */
export const exportPersonalData = async (
  deps: PersonalDataDeps,
  actor: Actor,
  body: unknown,
): Promise<PersonalDataExport> => {
  // An address may be in any program: only an organizer of every program may look across them.
  authorize(actor, 'export-personal-data', 'every-program');
  const email = addressOf(body);
  const nominations = await deps.personalData.find(email);
  const formerly = await deps.personalData.findFormer(email);
  const at = deps.clock.now().toISOString();
  await deps.personalData.record({
    action: 'export-personal-data',
    at,
    actor: actorName(actor),
    actorId: actor.id,
    nominations: nominations.length,
    formerly: formerly.length,
  });
  return { email: candidateKey(email), exportedAt: at, nominations, formerly };
};

/**
 * An organizer answers a request for erasure: every nomination the address is in goes, with all
 * its items (history, reviews, emails, guard, address items). A nomination is one person's
 * proposal of another, so it cannot stand with either of them taken out. A nomination the address
 * was in until a correction replaced it stands (it is someone else's now): the address, and the
 * name replaced with it, are erased from every item that quotes them (the correction's history
 * entry, the records of the emails sent to it, the mail service's reports). The anonymous outcome
 * a decided nomination left stays. The audit entry says who erased how much, not whose.
 */
export const erasePersonalData = async (
  deps: PersonalDataDeps,
  actor: Actor,
  body: unknown,
): Promise<{ nominations: number; items: number; formerly: number }> => {
  authorize(actor, 'erase-personal-data', 'every-program');
  const email = addressOf(body);
  const records = await deps.personalData.find(email);
  const former = await deps.personalData.findFormer(email);
  const items = await deps.personalData.erase(
    email,
    { records, former },
    {
      action: 'erase-personal-data',
      at: deps.clock.now().toISOString(),
      actor: actorName(actor),
      actorId: actor.id,
      nominations: records.length,
      formerly: former.length,
    },
  );
  return { nominations: records.length, items, formerly: former.length };
};
