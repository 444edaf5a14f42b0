import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { holdsStipend } from '../domain/cohort.ts';
import { ConflictError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { evaluationState } from '../domain/evaluation.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { holdsPlace } from '../domain/nomination-states.ts';
import {
  type ProgramSettings,
  settingKeys,
  settingsChangeSchema,
  settingsOf,
  settingsRefusal,
  withSettings,
} from '../domain/program-settings.ts';
import type { NominationStore } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { followSchedules, type UpdateTimelineDeps } from './update-timeline.ts';

export interface SettingsDeps extends UpdateTimelineDeps {
  nominations: NominationStore;
}

/**
 * The settings as they stand, their version and every change made to them, for organizers; and
 * where the evaluation stands by the service's clock, since its questions freeze once it opens.
 */
export const readSettings = async (deps: SettingsDeps, programId: string, actor: Actor) => {
  authorize(actor, 'change-settings', { programId });
  const { program, settingsVersion } = await deps.programs.require(programId);
  return {
    programId,
    timeZone: program.timeZone,
    settings: settingsOf(program),
    settingsVersion,
    evaluationState: evaluationState(program, deps.clock.now()),
    history: await deps.programs.settingsHistory(programId),
  };
};

/** An instant given that is the one already set keeps its stored spelling: it is no change. */
const sameInstantsAsBefore = (
  given: Partial<ProgramSettings>,
  before: ProgramSettings,
): Partial<ProgramSettings> => {
  const kept = (value: string, was: string) => (Date.parse(value) === Date.parse(was) ? was : value);
  return {
    ...given,
    ...(given.nominationWindow && {
      nominationWindow: {
        opensAt: kept(given.nominationWindow.opensAt, before.nominationWindow.opensAt),
        closesAt: kept(given.nominationWindow.closesAt, before.nominationWindow.closesAt),
      },
    }),
    ...(given.decisionsDueAt && { decisionsDueAt: kept(given.decisionsDueAt, before.decisionsDueAt) }),
  };
};

/** What has happened in the program that a change must not contradict. */
const factsOf = async (deps: SettingsDeps, programId: string) => {
  const all = await listAllNominations(deps.nominations, programId);
  const times = all.map((n) => n.submittedAt).sort();
  return {
    now: deps.clock.now(),
    ...(times.length ? { firstSubmittedAt: times[0], lastSubmittedAt: times.at(-1) } : {}),
    placesTaken: all.filter(holdsPlace).length,
    stipendsAwarded: all.filter(holdsStipend).length,
  };
};

/**
 * An organizer changes the program's settings (the window, the decision date, the date late
 * decisions are promised by, the reserve date, capacity, stipends, the contact address):
 * 1. Organizers only (403); the program must exist (404); the body and the program it makes
 *    follow the program's rules (400 naming each problem); something must change (400).
 * 2. At `expectedVersion` (409), and not against what has happened (409 with the reason:
 *    submissions outside the new window, a decision day past, dates applicants were told, fewer
 *    places or stipends than are taken).
 * 3. Saved with an audit entry of each change as it was and is; then the schedules follow.
 */
export const changeSettings = async (deps: SettingsDeps, programId: string, actor: Actor, body: unknown) => {
  authorize(actor, 'change-settings', { programId });
  const stored = await deps.programs.require(programId);
  const { expectedVersion, note, ...typed } = parseOrRefuse(
    settingsChangeSchema(stored.program),
    body,
    'The settings are not valid',
  );
  const given = sameInstantsAsBefore(typed, stored.program);
  if (expectedVersion !== stored.settingsVersion) {
    throw new VersionConflictError(
      `The settings are at version ${stored.settingsVersion}, not ${expectedVersion}; reload them and try again`,
    );
  }
  const before = settingsOf(stored.program);
  const changes: { before: Partial<ProgramSettings>; after: Partial<ProgramSettings> } = {
    before: {},
    after: {},
  };
  for (const key of settingKeys) {
    const value = given[key];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(before[key])) continue;
    Object.assign(changes.before, { [key]: before[key] });
    Object.assign(changes.after, { [key]: value });
  }
  if (Object.keys(changes.after).length === 0) {
    throw new ValidationError('The settings change nothing', [
      { path: '', message: 'Every value given is as it is' },
    ]);
  }
  const { next, problems } = withSettings(stored.program, changes.after);
  if (problems.length > 0) {
    throw new ValidationError(
      'The settings are not valid',
      problems.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }
  const refusal = settingsRefusal(stored.program, next, await factsOf(deps, programId));
  if (refusal) throw new ConflictError(refusal);
  const settingsVersion = await deps.programs.saveSettings({
    programId,
    settings: settingsOf(next),
    changes,
    expectedVersion,
    actor: actorName(actor),
    at: deps.clock.now().toISOString(),
    ...(note ? { note } : {}),
  });
  return { settingsVersion, settings: settingsOf(next), ...(await followSchedules(deps, next, 'settings')) };
};
