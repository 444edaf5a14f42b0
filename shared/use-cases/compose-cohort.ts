import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import {
  type ConsideredDecision,
  composeCohort,
  globalSouthFor,
  holdsStipend,
  previewCohort,
  stipendDelta,
} from '../domain/cohort.ts';
import { DomainError, NotFoundError, StipendNotAllowedError, ValidationError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import type { Classification, Nomination } from '../domain/nomination.ts';
import { holdsPlace } from '../domain/nomination-states.ts';
import { seesNotes, withoutNotes } from '../domain/reviews.ts';
import { classificationCommandSchema, stipendCommandSchema } from '../domain/transition-command.ts';
import type { OutboxEmail } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { checkExpectedVersion, nominationFor, recordChange, requireNomination } from './record-change.ts';
import { applyTransition, type TransitionDeps } from './transition-nomination.ts';

/**
 * The cohort of a program as it stands, and, given decisions under consideration, as it would be
 * after them (docs/cohort.md). Reads every listed nomination: a few hundred at most. Staff notes
 * on a nomination the reader declared a conflict of interest with are left out.
 */
export const readCohort = async (
  deps: TransitionDeps,
  programId: string,
  actor: Actor,
  considered: ConsideredDecision[] = [],
) => {
  authorize(actor, 'read-cohort', { programId });
  const { program } = await deps.programs.require(programId);
  const all = (await listAllNominations(deps.nominations, programId)).map((n) =>
    seesNotes(actor, n) ? n : withoutNotes(n),
  );
  const current = composeCohort(program, all);
  if (considered.length === 0) return current;
  const { composition, problems } = previewCohort(program, all, considered);
  return { ...current, preview: { ...composition, problems } };
};

const changesNothing = (what: string) =>
  new ValidationError(`The ${what} changes nothing`, [{ path: '', message: `It is already so` }]);

/**
 * An organizer decides a participant's travel stipend: awarded, declined or not awarded.
 * 1. Organizers only (403); a participant (selected, told or not) only, and "awarded" only for
 *    one eligible (409 StipendNotAllowed); at `expectedVersion` if given (409).
 * 2. One transaction: the decision, its audit entry, the program's stipend counter (409
 *    StipendsExhausted past the program's maximum, so two organizers awarding the last one at
 *    once cannot both succeed) and, for a participant already told of their place, the
 *    "stipend awarded" email, once: a stipend awarded before the decision email is told in it.
 */
export const decideStipend = async (
  deps: TransitionDeps,
  nominationId: string,
  actor: Actor,
  body: unknown,
): Promise<Nomination> => {
  const before = await nominationFor(deps.nominations, actor, 'award-stipend', nominationId);
  const parsed = parseOrRefuse(stipendCommandSchema, body, 'The stipend decision is not valid');
  const { award, note, expectedVersion } = parsed;
  checkExpectedVersion(before, expectedVersion);
  if (!holdsPlace(before)) {
    throw new StipendNotAllowedError('Only a participant (a selected nomination) has a stipend decision');
  }
  if (award === 'awarded' && !globalSouthFor(before)) {
    throw new StipendNotAllowedError(
      'Stipends are for participants from the Global South, and this country does not count as such; correct its Global South status first if it should',
    );
  }
  if (before.stipend?.award === award && (before.stipend.note ?? '') === (note ?? '')) {
    throw changesNothing('stipend decision');
  }
  const { program } = await deps.programs.require(before.programId);
  const at = deps.clock.now().toISOString();
  const stipend = { award, ...(note ? { note } : {}), at, by: actorName(actor) };
  const after: Nomination = { ...before, stipend };
  const emails: OutboxEmail[] = [];
  if (holdsStipend(after) && before.status === 'notified' && !before.stipendTold) {
    const { stipendAwardedEmail } = await import('../email/cohort-templates.ts');
    emails.push({ key: 'stipend-awarded', kind: 'stipend-awarded', ...stipendAwardedEmail(program, after) });
  }
  return recordChange(deps, before, actor, {
    action: 'award-stipend',
    fields: { stipend, ...(emails.length ? { stipendTold: true } : {}) },
    audit: {
      changes: { before: { award: before.stipend?.award ?? null }, after: { award } },
      ...(note ? { note } : {}),
    },
    emails,
    stipendDelta: stipendDelta(before, after),
    stipendLimit: program.travelStipends.max,
  });
};

/**
 * Organizers correct the region a nomination counts in, or whether it counts as Global South,
 * where the country says otherwise (a library in an overseas territory, say): audited with what
 * it was and what it is. A participant holding an awarded stipend keeps their eligibility until
 * the award is changed (409).
 */
export const classifyNomination = async (
  deps: TransitionDeps,
  nominationId: string,
  actor: Actor,
  body: unknown,
): Promise<Nomination> => {
  const before = await nominationFor(deps.nominations, actor, 'classify-nomination', nominationId);
  const { subRegion, globalSouth, note, expectedVersion } = parseOrRefuse(
    classificationCommandSchema,
    body,
    'The classification is not valid',
  );
  checkExpectedVersion(before, expectedVersion);
  const classification: Classification = { ...before.classification };
  if (subRegion === null) delete classification.subRegion;
  else if (subRegion !== undefined) classification.subRegion = subRegion;
  if (globalSouth === null) delete classification.globalSouth;
  else if (globalSouth !== undefined) classification.globalSouth = globalSouth;
  const after: Nomination = { ...before, classification };
  if (
    (classification.subRegion ?? null) === (before.classification?.subRegion ?? null) &&
    (classification.globalSouth ?? null) === (before.classification?.globalSouth ?? null)
  ) {
    throw changesNothing('classification');
  }
  if (holdsStipend(before) && !globalSouthFor(after)) {
    throw new StipendNotAllowedError(
      'This participant holds an awarded stipend; change the award before the Global South status',
    );
  }
  const empty = Object.keys(classification).length === 0;
  return recordChange(deps, before, actor, {
    action: 'classify',
    fields: { classification: empty ? undefined : classification } as Partial<Nomination>,
    audit: {
      changes: { before: { ...before.classification }, after: { ...classification } },
      ...(note ? { note } : {}),
    },
  });
};

/** Decisions on several nominations at once: each its own transaction, each reported. */
export interface BulkOutcome {
  id: string;
  ok: boolean;
  status?: Nomination['status'];
  version?: number;
  rank?: number;
  error?: { status: number; code: string; message: string };
}

export const bulkActions = ['select', 'reject', 'reserve'] as const;

/**
 * Selects, rejects or puts on the reserve list several nominations, in the order given, each as
 * its own transition (its own transaction, version and capacity check): one that fails (a full
 * program, a stale version, a taken rank) is reported with why, and the others go ahead.
 */
export const decideInBulk = async (
  deps: TransitionDeps,
  programId: string,
  actor: Actor,
  decisions: { id: string; action: (typeof bulkActions)[number]; rank?: number; expectedVersion?: number }[],
  note?: string,
): Promise<BulkOutcome[]> => {
  authorize(actor, 'select', { programId });
  await deps.programs.require(programId);
  const outcomes: BulkOutcome[] = [];
  for (const { id, action, rank, expectedVersion } of decisions) {
    try {
      const before = await requireNomination(deps.nominations, id);
      if (before.programId !== programId)
        throw new NotFoundError(`There is no nomination "${id}" in this program`);
      authorize(actor, action, { programId });
      const after = await applyTransition(deps, before, actor, {
        action,
        ...(rank !== undefined ? { rank } : {}),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        ...(note ? { note } : {}),
      });
      outcomes.push({
        id,
        ok: true,
        status: after.status,
        version: after.version,
        ...(after.reserveRank !== undefined ? { rank: after.reserveRank } : {}),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({
        id,
        ok: false,
        error: { status: error.status, code: error.code, message: error.message },
      });
    }
  }
  return outcomes;
};
