import { isDeepStrictEqual } from 'node:util';
import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { groupOfMember, type MentoringGroup, mentoringGroupsSchema } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import { holdsPlace } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import * as z from '../domain/zod.ts';
import { type Clock, calendarVersion, type NominationStore, type ProgramRepository } from '../ports.ts';
import { calendarChangeEmails } from './calendar-changes.ts';
import { listAllNominations } from './list-all-nominations.ts';
import type { ParticipantPages } from './participant-links.ts';

export interface MentoringGroupsDeps {
  programs: ProgramRepository;
  nominations: NominationStore;
  clock: Clock;
  /** The link to each participant's page, in the email telling them of their group. */
  pages?: ParticipantPages;
}

export const mentoringGroupsChangeSchema = z.strictObject({
  groups: mentoringGroupsSchema,
  expectedVersion: z
    .int({ error: 'expectedVersion is the groupsVersion you read (0 before any group is saved)' })
    .check(z.nonnegative()),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

/** The participants a group may hold: those holding a place, told or not yet. */
const placeHolders = async (nominations: NominationStore, programId: string) =>
  (await listAllNominations(nominations, programId)).filter(holdsPlace);

const member = (n: Nomination) => ({
  id: n.id,
  reference: referenceOf(n.id),
  name: n.candidate.name,
  library: n.library.name,
  city: n.library.city,
  country: n.library.country,
  /** Told of their selection: only they hear of their group and its sessions. */
  told: n.status === 'notified',
});

/**
 * The groups with their members and sessions, and every participant with their group, for staff.
 * A member who no longer holds a place (withdrawn, erased) is left out.
 */
export const readMentoringGroups = async (deps: MentoringGroupsDeps, programId: string, actor: Actor) => {
  authorize(actor, 'read-cohort', { programId });
  const { program, groupsVersion } = await deps.programs.require(programId);
  const people = await placeHolders(deps.nominations, programId);
  const byId = new Map(people.map((n) => [n.id, n]));
  const groups = program.mentoringGroups ?? [];
  return {
    programId,
    groupsVersion,
    groups: groups.map((g) => ({
      ...g,
      members: g.members.flatMap((id) => {
        const n = byId.get(id);
        return n ? [member(n)] : [];
      }),
      sessions: program.timeline
        .filter((e) => e.group === g.id)
        .map(({ id, title, when, timeZone }) => ({ id, title, when, ...(timeZone ? { timeZone } : {}) })),
    })),
    participants: people
      .map((n) => ({ ...member(n), group: groupOfMember(program, n.id)?.id ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
};

/** The groups' sessions a change would leave without their group. */
const orphanedSessions = (program: Program, groups: readonly MentoringGroup[]) =>
  program.timeline.filter((e) => e.group !== undefined && !groups.some((g) => g.id === e.group));

/** What a participant is told of their group: changed if its id, name or mentor changed for them. */
const groupView = (g: MentoringGroup | undefined) => g && { id: g.id, name: g.name, mentor: g.mentor };

/**
 * An organizer arranges the mentoring groups:
 * 1. Organizers only (403); the program must exist (404); each group has an id, a name and a
 *    mentor, each id once and each member in one group (400 naming each problem).
 * 2. Every member holds a place in the program (400 naming those who do not); a group whose
 *    sessions are on the timeline stays (409 naming them); at `expectedVersion` (409).
 * 3. Saved with an audit entry; each told participant whose group changed, or whose calendar did
 *    (a group's sessions now theirs or no longer), gets one email with entries that update their
 *    calendar, in the same transaction.
 */
export const changeMentoringGroups = async (
  deps: MentoringGroupsDeps,
  programId: string,
  actor: Actor,
  body: unknown,
) => {
  authorize(actor, 'change-mentoring-groups', { programId });
  const stored = await deps.programs.require(programId);
  const { groups, expectedVersion, note } = parseOrRefuse(
    mentoringGroupsChangeSchema,
    body,
    'The mentoring groups are not valid',
  );
  const people = await placeHolders(deps.nominations, programId);
  const byId = new Map(people.map((n) => [n.id, n]));
  const strangers = groups.flatMap((g, index) =>
    g.members.flatMap((id, m) =>
      byId.has(id)
        ? []
        : [{ path: `groups.${index}.members.${m}`, message: `${id} is not a participant of the program` }],
    ),
  );
  if (strangers.length) throw new ValidationError('The mentoring groups are not valid', strangers);
  if (expectedVersion !== stored.groupsVersion) {
    throw new VersionConflictError(
      `The mentoring groups are at version ${stored.groupsVersion}, not ${expectedVersion}; reload them and try again`,
    );
  }
  const orphaned = orphanedSessions(stored.program, groups);
  if (orphaned.length) {
    throw new ConflictError(
      `These sessions are for a group the change removes: ${orphaned.map((e) => `"${e.id}" (${e.group})`).join(', ')}; give them to another group in the timeline first`,
    );
  }
  const before = stored.program;
  const after: Program = { ...before, mentoringGroups: groups };
  const version = expectedVersion + 1;
  const now = deps.clock.now();
  const { mentoringGroupEmail } = await import('../email/mentoring-templates.ts');
  const emails = await calendarChangeEmails(deps.nominations, {
    before,
    after,
    now: now.getTime(),
    key: `mentoring-groups-v${version}`,
    kind: 'mentoring-group',
    sequence: calendarVersion({ ...stored, groupsVersion: version }),
    pages: deps.pages,
    build: (n, changes, invites, page) => {
      const was = groupOfMember(before, n.id);
      const is = groupOfMember(after, n.id);
      const moved = !isDeepStrictEqual(groupView(was), groupView(is));
      if (!moved && changes.changed.length + changes.cancelled.length === 0) return undefined;
      const fellows = (is?.members ?? []).flatMap((id) => {
        const fellow = byId.get(id);
        return fellow && id !== n.id ? [fellow] : [];
      });
      return mentoringGroupEmail(after, n, { was, is }, fellows, changes, invites, page);
    },
  });
  await deps.programs.saveMentoringGroups({
    programId,
    groups,
    ...(emails.length ? { emails } : {}),
    expectedVersion,
    actor: actorName(actor),
    at: now.toISOString(),
    ...(note ? { note } : {}),
  });
  return readMentoringGroups(deps, programId, actor);
};
