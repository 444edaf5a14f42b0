import { createEvent, createEvents, type EventAttributes } from 'ics';
import type { Program, TimelineEvent } from '../domain/program.ts';
import { addDays, wallTimeToInstant } from '../domain/time.ts';
import { meetingDetails } from '../email/timeline-templates.ts';

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];
const dateParts = (day: string): [number, number, number] =>
  day.split('-').map(Number) as [number, number, number];

const nextDay = (day: string) => addDays(day, 1);

/** The invitation's text: the theme, facilitator, agenda, readings and join link. */
const description = (program: Program, event: TimelineEvent) => meetingDetails(program, event).join('\n\n');

/** A timeline event as a calendar entry; undefined for one known only by its month. */
const eventAttributes = (
  program: Program,
  event: TimelineEvent,
  sequence: number,
  cancelled: boolean,
): EventAttributes | undefined => {
  const common: Partial<EventAttributes> = {
    sequence,
    ...(cancelled ? { status: 'CANCELLED' as const } : {}),
    title: `${event.title} – ${program.name}`,
    uid: `${event.id}.${program.id}@metlib-nominations`,
    // Where to join is where it is, for a calendar; the invitation goes to participants only.
    ...(event.location || event.joinUrl ? { location: event.location ?? event.joinUrl } : {}),
    ...(event.joinUrl ? { url: event.joinUrl } : {}),
    ...(description(program, event) ? { description: description(program, event) } : {}),
  };
  if ('at' in event.when) {
    const start = wallTimeToInstant(event.when.at, event.timeZone ?? program.timeZone);
    return {
      ...common,
      start: utcParts(start),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: event.when.durationMinutes ?? 60 },
    } as EventAttributes;
  }
  if ('from' in event.when) {
    return {
      ...common,
      start: dateParts(event.when.from),
      end: dateParts(nextDay(event.when.to)),
    } as EventAttributes;
  }
  return undefined;
};

const header = (program: Program, method: 'PUBLISH' | 'CANCEL') => ({
  productId: 'metlib-nominations',
  method,
  calName: program.name,
});

/**
 * An .ics invitation for a timeline event (the `ics` package). Timed events are written in UTC
 * so every calendar shows them in its own zone; the conference is all-day dates. The UID is the
 * event's, so a second reminder updates the same calendar entry instead of adding another.
 */
export const calendarInvite = (
  program: Program,
  event: TimelineEvent,
  /**
   * The calendar's version (calendarVersion): an invitation's SEQUENCE, so a calendar takes a
   * changed or cancelled entry (same UID, higher SEQUENCE) over the one it has.
   */
  sequence = 0,
  cancelled = false,
): string | undefined => {
  const attributes = eventAttributes(program, event, sequence, cancelled);
  if (!attributes) return undefined;
  const { error, value } = createEvent({
    ...attributes,
    ...header(program, cancelled ? 'CANCEL' : 'PUBLISH'),
  });
  if (error || !value) throw error ?? new Error('Could not create the calendar invitation');
  return value;
};

/**
 * A participant's calendar feed: every dated event of theirs, one entry each with the same UID
 * and SEQUENCE as their invitations, so a subscribed calendar and an opened invitation agree.
 */
export const calendarFeed = (
  program: Program,
  events: readonly TimelineEvent[],
  sequence: number,
): string => {
  const entries = events.flatMap((e) => eventAttributes(program, e, sequence, false) ?? []);
  const { error, value } = createEvents(entries, header(program, 'PUBLISH'));
  if (error || typeof value !== 'string') throw error ?? new Error('Could not create the calendar feed');
  return value;
};
