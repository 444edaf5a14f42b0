import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { candidateKey } from '../domain/nomination.ts';
import * as z from '../domain/zod.ts';
import type { Clock, PersonalDataStore, PersonalRecord } from '../ports.ts';

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
  const at = deps.clock.now().toISOString();
  await deps.personalData.record({
    action: 'export-personal-data',
    at,
    actor: actorName(actor),
    actorId: actor.id,
    nominations: nominations.length,
  });
  return { email: candidateKey(email), exportedAt: at, nominations };
};

/**
 * An organizer answers a request for erasure: every nomination the address is in goes, with all
 * its items (history, reviews, emails, guard, address items). A nomination is one person's
 * proposal of another, so it cannot stand with either of them taken out. The anonymous outcome a
 * decided nomination left stays. The audit entry says who erased how many items, not whose.
 */
export const erasePersonalData = async (
  deps: PersonalDataDeps,
  actor: Actor,
  body: unknown,
): Promise<{ nominations: number; items: number }> => {
  authorize(actor, 'erase-personal-data', 'every-program');
  const email = addressOf(body);
  const records = await deps.personalData.find(email);
  const items = await deps.personalData.erase(records, {
    action: 'erase-personal-data',
    at: deps.clock.now().toISOString(),
    actor: actorName(actor),
    actorId: actor.id,
    nominations: records.length,
  });
  return { nominations: records.length, items };
};
