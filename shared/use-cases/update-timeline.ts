import { isDeepStrictEqual } from 'node:util';
import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { unknownGroups } from '../domain/mentoring-groups.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import { timelineSchema, unknownThemes } from '../domain/program-schema.ts';
import { eventFixedFrom, eventStart } from '../domain/schedule-plan.ts';
import * as z from '../domain/zod.ts';
import { type Clock, calendarVersion, type NominationStore, type ProgramRepository } from '../ports.ts';
import { calendarChangeEmails } from './calendar-changes.ts';
import type { ParticipantPages } from './participant-links.ts';
import { type SyncReport, type SyncSchedulesDeps, syncSchedules } from './sync-schedules.ts';

export const timelineUpdateSchema = z.strictObject({
  timeline: timelineSchema,
  expectedVersion: z
    .int({ error: 'expectedVersion is the timelineVersion you read (0 for the original)' })
    .check(z.nonnegative()),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

export interface UpdateTimelineDeps extends SyncSchedulesDeps {
  programs: ProgramRepository;
  clock: Clock;
  /** Whom a change of the calendar is told to: the participants. */
  nominations?: NominationStore;
  /** The link to each participant's page, in the email telling them of a change. */
  pages?: ParticipantPages;
}

/**
 * An event is fixed once it has begun. Before that it may move, change or go at any time, even
 * after its reminders: participants are told, and the reminders still ahead follow it.
 */
const lockedEvents = (program: Program, now: number) =>
  program.timeline.filter((e) => eventFixedFrom(program, e).getTime() <= now);

/**
 * The timeline as organizers change it, join links included (the public program leaves them
 * out), with the version to send back: read, edit, PUT, and nothing is dropped. `begun` names
 * the events that can no longer change, by the service's clock rather than the reader's.
 */
export const readTimeline = async (
  deps: Pick<UpdateTimelineDeps, 'programs' | 'clock'>,
  programId: string,
  actor: Actor,
) => {
  authorize(actor, 'change-timeline', { programId });
  const { program, timelineVersion } = await deps.programs.require(programId);
  const begun = lockedEvents(program, deps.clock.now().getTime()).map((e) => e.id);
  return { programId, timeZone: program.timeZone, timelineVersion, timeline: program.timeline, begun };
};

/**
 * 1. Organizers only (403); the program must exist (404).
 * 2. Validate the new timeline: zones, dates, order, unique ids (400 naming each problem).
 * 3. Refuse a stale expectedVersion (409) and any change to an event that has begun or whose
 *    reminders have gone out (409); refuse new events dated in the past (400).
 * 4. Save it with an audit entry, then bring the schedules in line and report what changed.
 */
export const updateTimeline = async (
  deps: UpdateTimelineDeps,
  programId: string,
  actor: Actor,
  body: unknown,
): Promise<{
  timelineVersion: number;
  timeline: TimelineEvent[];
  schedules?: SyncReport;
  schedulesPending?: string;
}> => {
  authorize(actor, 'change-timeline', { programId });
  const stored = await deps.programs.require(programId);
  const { timeline, expectedVersion, note } = parseOrRefuse(
    timelineUpdateSchema,
    body,
    'The timeline is not valid',
  );
  const unknown = [
    ...unknownThemes(timeline, stored.program.themes),
    ...unknownGroups(timeline, stored.program.mentoringGroups ?? []),
  ];
  if (unknown.length > 0) {
    throw new ValidationError(
      'The timeline is not valid',
      unknown.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  if (expectedVersion !== stored.timelineVersion) {
    throw new VersionConflictError(
      `The timeline is at version ${stored.timelineVersion}, not ${expectedVersion}; reload it and try again`,
    );
  }
  const now = deps.clock.now();
  const updated: Program = { ...stored.program, timeline };
  for (const event of lockedEvents(stored.program, now.getTime())) {
    const after = timeline.find((e) => e.id === event.id);
    if (!after || !isDeepStrictEqual(after, event)) {
      throw new ConflictError(
        `"${event.id}" has already begun; it can no longer be ${after ? 'changed' : 'removed'}`,
      );
    }
  }
  // A new event, or one whose date changes, must lie ahead: a typo of 2023 for 2024 would
  // otherwise lock the event as "already begun" for good.
  const before = new Map(stored.program.timeline.map((e) => [e.id, e]));
  const pastChanged = timeline
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => {
      const previous = before.get(event.id);
      const moved =
        !previous || !isDeepStrictEqual(previous.when, event.when) || previous.timeZone !== event.timeZone;
      return moved && eventStart(updated, event).getTime() <= now.getTime();
    });
  if (pastChanged.length > 0) {
    throw new ValidationError(
      'New or moved events must be in the future',
      pastChanged.map(({ event, index }) => ({
        path: `timeline.${index}.when`,
        message: `"${event.id}" would be in the past`,
      })),
    );
  }
  const emails = deps.nominations
    ? await calendarChangeEmails(deps.nominations, {
        before: stored.program,
        after: updated,
        now: now.getTime(),
        key: `timeline-v${expectedVersion + 1}`,
        kind: 'timeline-changed',
        sequence: calendarVersion({ ...stored, timelineVersion: expectedVersion + 1 }),
        pages: deps.pages,
        // Loaded when needed: the templates would otherwise weigh on every cold start.
        build: await import('../email/timeline-templates.ts').then(
          ({ timelineChangedEmail }) =>
            (n, changes, invites, page) =>
              changes.changed.length + changes.cancelled.length > 0
                ? timelineChangedEmail(updated, n, changes, invites, page)
                : undefined,
        ),
      })
    : [];
  const timelineVersion = await deps.programs.saveTimeline({
    programId,
    timeline,
    ...(emails.length ? { emails } : {}),
    expectedVersion,
    actor: actorName(actor),
    at: now.toISOString(),
    ...(note ? { note } : {}),
  });
  return { timelineVersion, timeline, ...(await followSchedules(deps, updated, 'timeline')) };
};

/**
 * Brings the schedules in line with a program just saved. If they cannot follow now, it says so
 * rather than fail the change: the next sync (any change, every deploy, every hour) does it.
 */
export const followSchedules = async (
  deps: SyncSchedulesDeps,
  program: Program,
  what: 'timeline' | 'settings',
): Promise<{ schedules?: SyncReport; schedulesPending?: string }> => {
  const saved = `The ${what} ${what === 'timeline' ? 'is' : 'are'} saved but`;
  try {
    const schedules = await syncSchedules(deps, program);
    const [first] = schedules.pending;
    return {
      schedules,
      ...(first && {
        schedulesPending: `${saved} ${schedules.pending.length} of the program's schedules could not be updated yet (${first.reason}); they follow at the next sync.`,
      }),
    };
  } catch (error) {
    return {
      schedulesPending: `${saved} the schedules could not be updated yet (${(error as Error).message}); they follow at the next sync.`,
    };
  }
};
