import type { ScheduledEvent, ScheduledKind } from '#events/contracts';
import type { Program, TimelineEvent } from './program.ts';
import { addDays, instantToWallTime, monthEndsAt, wallTimeToInstant } from './time.ts';

/** One one-time schedule the program needs: fire `input` at `wallTime` in `timeZone`. */
export interface PlannedSchedule {
  name: string;
  kind: ScheduledKind;
  /** "2024-04-02T09:00:00", as at() takes it. */
  wallTime: string;
  timeZone: string;
  instant: Date;
  input: ScheduledEvent;
}

export interface SchedulePlan {
  group: string;
  schedules: PlannedSchedule[];
  /** Events that will have schedules once they have a date (mentoring "date to be set"). */
  waitingForDate: string[];
}

/** Calendar arithmetic on a wall time: "2024-04-09T09:00:00" minus 7 days is "2024-04-02T09:00:00" whatever DST does. */
export const daysBefore = (wallTime: string, days: number) => {
  const [date, time] = wallTime.split('T') as [string, string];
  return `${addDays(date, -days)}T${time}`;
};

/**
 * How long after decisions are due a decided nomination that is still not notified raises the
 * alarm: the decisions-due run notifies them at once, so an hour is ample for it and its retries.
 */
export const decisionsCheckDelayMs = 3_600_000;

const seconds = (wallTime: string) => (wallTime.length === 16 ? `${wallTime}:00` : wallTime);

/**
 * The schedules a program's timeline calls for. Names are deterministic (the event id and what
 * fires), so planning twice gives the same names and the sync can diff them against what exists.
 */
export const planSchedules = (program: Program): SchedulePlan => {
  const schedules: PlannedSchedule[] = [];
  const waitingForDate: string[] = [];
  const add = (name: string, kind: ScheduledKind, wallTime: string, timeZone: string, eventId?: string) => {
    const instant = wallTimeToInstant(wallTime, timeZone);
    schedules.push({
      name,
      kind,
      wallTime: seconds(wallTime),
      timeZone,
      instant,
      input: {
        programId: program.id,
        schedule: name,
        kind,
        ...(eventId ? { eventId } : {}),
        scheduledAt: instant.toISOString(),
      },
    });
  };

  const decisions = instantToWallTime(new Date(program.decisionsDueAt), program.timeZone);
  add(
    'decision-readiness',
    'decision-readiness',
    daysBefore(decisions, program.decisionReadinessDaysBefore),
    program.timeZone,
  );
  add('decisions-due', 'decisions-due', decisions, program.timeZone);
  add(
    'decisions-check',
    'decisions-check',
    instantToWallTime(new Date(Date.parse(program.decisionsDueAt) + decisionsCheckDelayMs), program.timeZone),
    program.timeZone,
  );

  add(
    'reserve-closes',
    'reserve-closes',
    `${daysBefore(`${program.reserveUntil}T${program.reminderTimeOfDay}:00`, -1)}`,
    program.timeZone,
  );

  for (const event of program.timeline) {
    const zone = event.timeZone ?? program.timeZone;
    const remind = (start: string, days: readonly number[]) => {
      for (const d of days)
        add(`${event.id}.reminder-${d}d`, 'reminder', daysBefore(seconds(start), d), zone, event.id);
    };
    switch (event.kind) {
      case 'meeting':
      case 'mentoring':
        if ('at' in event.when) remind(event.when.at, program.reminderDaysBefore[event.kind]);
        else waitingForDate.push(event.id);
        break;
      case 'conference':
        if ('from' in event.when) {
          remind(`${event.when.from}T${program.reminderTimeOfDay}`, program.reminderDaysBefore.conference);
        } else if ('at' in event.when) {
          remind(event.when.at, program.reminderDaysBefore.conference);
        } else waitingForDate.push(event.id);
        break;
      case 'evaluation':
      case 'certificates':
        if ('at' in event.when) {
          add(`${event.id}.${event.kind}`, event.kind, event.when.at, zone, event.id);
          // A week before it closes, at the hour it opened: a reminder to those who have not answered.
          if (event.kind === 'evaluation') {
            const at = `${addDays(program.evaluation.closesOn, -6)}T${event.when.at.slice(11)}`;
            if (at > event.when.at) add(`${event.id}.reminder`, 'evaluation-reminder', at, zone, event.id);
          }
        } else waitingForDate.push(event.id);
        break;
      case 'break':
        break;
    }
  }
  return { group: program.id, schedules, waitingForDate };
};

/** The event a reminder is for, if the timeline still has it. */
export const timelineEvent = (program: Program, eventId: string | undefined): TimelineEvent | undefined =>
  program.timeline.find((e) => e.id === eventId);

/** The instant an event starts, for ordering and for "has it happened yet": month-only events start on the 1st. */
export const eventStart = (program: Program, event: TimelineEvent): Date => {
  const zone = event.timeZone ?? program.timeZone;
  if ('at' in event.when) return wallTimeToInstant(event.when.at, zone);
  if ('from' in event.when) return wallTimeToInstant(`${event.when.from}T00:00`, zone);
  return wallTimeToInstant(`${event.when.month}-01T00:00`, zone);
};

/**
 * Until when an event may still change: until it begins, or for a session known only by its
 * month, until that month ends (it may be given its date at any time within it).
 */
export const eventFixedFrom = (program: Program, event: TimelineEvent): Date =>
  'month' in event.when
    ? monthEndsAt(event.when.month, event.timeZone ?? program.timeZone)
    : eventStart(program, event);
