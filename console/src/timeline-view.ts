/**
 * The program's timeline as the API answers it, and what the console works out from it, kept
 * apart from the components so it is tested without a browser: an event in words for the list,
 * one event as its form edits it (the draft), and the whole timeline to send with that event
 * changed or removed. What a save does, as the page says it, is in timeline-save-view.ts.
 */
import type { TimelineEvent } from '#shared/domain/program';
import type { TimelineBody, TimelineRead, TimelineSaved } from './contract.ts';
import { formatSession, type GroupsRead } from './groups-view.ts';
import type { Issue } from './settings-view.ts';

/**
 * What `GET /programs/{programId}/timeline` answers (`begun` names the events that can no longer
 * change), and `PUT` (the schedules it brought in line, when it could).
 */
export type { Issue, TimelineEvent, TimelineRead, TimelineSaved };

export const kindLabels: Record<TimelineEvent['kind'], string> = {
  meeting: 'Meeting',
  mentoring: 'Mentoring session',
  break: 'Break',
  conference: 'Conference',
  evaluation: 'Evaluation',
  certificates: 'Certificates',
};

/** When an event is, as people read it, in its zone or the program's; a break's month without "day to be set". */
export const eventWhen = (event: TimelineEvent, programZone: string) => {
  const words = formatSession(event, programZone);
  return event.kind === 'mentoring' ? words : words.replace(/, day to be set$/, '');
};

/** An event as the list shows it: its date, kind, title, theme, group and whether it has a join link. */
export const eventRow = (
  event: TimelineEvent,
  context: {
    timeZone: string;
    themes: readonly { slug: string; label: string }[];
    groups: GroupsRead['groups'];
  },
) => ({
  when: eventWhen(event, context.timeZone),
  kind: kindLabels[event.kind],
  title: event.title,
  theme: event.theme ? (context.themes.find((t) => t.slug === event.theme)?.label ?? event.theme) : '',
  group: event.group ? (context.groups.find((g) => g.id === event.group)?.name ?? event.group) : '',
  joinLink: event.joinUrl ? 'Yes' : 'No',
});

/** One event as its form edits it: every field as typed. */
export interface EventDraft {
  title: string;
  /** A month-only event given a date and time in the form. */
  dated: boolean;
  /** The wall time, as `<input type="datetime-local">` takes it: 2024-05-21T10:00. */
  at: string;
  duration: string;
  theme: string;
  facilitator: string;
  agenda: string;
  readings: { title: string; url: string }[];
  joinUrl: string;
  group: string;
}

/** Whether the form offers a date and time: the event has one, or (a session "in May") may be given one. */
export const hasTime = (event: TimelineEvent) => 'at' in event.when;
export const mayBeDated = (event: TimelineEvent) => 'month' in event.when && event.kind === 'mentoring';

/** The event as it was read, for its form. */
export const draftOf = (event: TimelineEvent): EventDraft => ({
  title: event.title,
  dated: 'at' in event.when,
  at: 'at' in event.when ? event.when.at : '',
  duration: 'at' in event.when && event.when.durationMinutes ? String(event.when.durationMinutes) : '',
  theme: event.theme ?? '',
  facilitator: event.facilitator ?? '',
  agenda: event.agenda ?? '',
  readings: (event.readings ?? []).map((r) => ({ ...r })),
  joinUrl: event.joinUrl ?? '',
  group: event.group ?? '',
});

/** A text field: trimmed, and left out when empty. */
const optional = <K extends string>(key: K, typed: string) => {
  const value = typed.trim();
  return value ? ({ [key]: value } as Record<K, string>) : {};
};

/**
 * The event with the draft's changes. A duration that is not a whole number goes as typed, for
 * the API to say what is wrong with it; a reading row left empty is dropped.
 */
export const eventOf = (event: TimelineEvent, draft: EventDraft): TimelineEvent => {
  const {
    title: _t,
    theme: _th,
    facilitator: _f,
    agenda: _a,
    readings: _r,
    joinUrl: _j,
    group: _g,
    ...kept
  } = event;
  const minutes = draft.duration.trim();
  const when =
    hasTime(event) || (mayBeDated(event) && draft.dated)
      ? {
          at: draft.at,
          ...(minutes ? { durationMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes } : {}),
        }
      : event.when;
  const readings = draft.readings
    .map((r) => ({ title: r.title.trim(), url: r.url.trim() }))
    .filter((r) => r.title || r.url);
  return {
    ...kept,
    title: draft.title.trim(),
    when: when as TimelineEvent['when'],
    ...optional('theme', draft.theme),
    ...optional('facilitator', draft.facilitator),
    ...optional('agenda', draft.agenda),
    ...(readings.length ? { readings } : {}),
    ...optional('joinUrl', draft.joinUrl),
    ...(event.kind === 'mentoring' ? optional('group', draft.group) : {}),
  };
};

/** The month an event begins in, by which the timeline keeps its order. */
const monthOf = (event: TimelineEvent) => {
  const { when } = event;
  return ('at' in when ? when.at : 'from' in when ? when.from : when.month).slice(0, 7);
};

/**
 * The body of `PUT …/timeline`: the whole timeline read, with this event replaced (or removed
 * when `changed` is undefined: a cancellation), at the version read, with the note. A moved event
 * takes its place in date order (the API keeps the timeline so); `index` is where it is sent.
 */
export const timelineBody = (
  read: TimelineRead,
  id: string,
  changed: TimelineEvent | undefined,
  note: string,
): { index: number; body: TimelineBody } => {
  const others = read.timeline.filter((e) => e.id !== id);
  const position = read.timeline.findIndex((e) => e.id === id);
  let timeline = others;
  let index = -1;
  if (changed) {
    // Where it was, unless its month now falls before the one above it or after the one below.
    const month = monthOf(changed);
    const before = others.slice(0, position);
    const after = others.slice(position);
    const stays = before.every((e) => monthOf(e) <= month) && after.every((e) => monthOf(e) >= month);
    index = stays ? position : others.filter((e) => monthOf(e) <= month).length;
    timeline = [...others.slice(0, index), changed, ...others.slice(index)];
  }
  return {
    index,
    body: {
      timeline,
      expectedVersion: read.timelineVersion,
      ...(note.trim() ? { note: note.trim() } : {}),
    },
  };
};

/** A value as JSON with every object's keys in order, so two events compare whatever order they were written in. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
          .join(',')}}`
      : JSON.stringify(value);

/** Whether the form changed nothing of the event, as the API compares them. */
export const sameEvent = (a: TimelineEvent, b: TimelineEvent) => canonical(a) === canonical(b);
