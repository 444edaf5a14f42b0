/**
 * The program's timeline as the API answers it, and what the console works out from it, kept
 * apart from the components so it is tested without a browser: an event in words for the list,
 * one event as its form edits it (the draft), the whole timeline to send with that event changed
 * or removed, who will be emailed, the API's issues placed on the form's fields, and the saved
 * answer in words.
 */
import type { TimelineEvent } from '#shared/domain/program';
import type { TimelineBody, TimelineRead, TimelineSaved } from './contract.ts';
import { formatSession, type GroupsRead, type Participant } from './groups-view.ts';
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

/** The kinds of event participants have in their calendars, and hear of when they change. */
const inCalendars = new Set<TimelineEvent['kind']>(['meeting', 'mentoring', 'conference']);

/** Those who have the event in their calendars: told participants, of its group when it has one. */
const audience = (event: TimelineEvent | undefined, participants: readonly Participant[]) =>
  event && inCalendars.has(event.kind) && !('month' in event.when)
    ? participants.filter((p) => p.told && (!event.group || p.group === event.group))
    : [];

/**
 * Who a change of this event will email, before it is made (the API tells each of them once):
 * those who had it in their calendar and those who will, when it changes or goes.
 */
export const toldOfChange = (
  before: TimelineEvent,
  after: TimelineEvent | undefined,
  participants: readonly Participant[],
): Participant[] => {
  if (after && sameEvent(before, after)) return [];
  const told = [...audience(before, participants), ...audience(after, participants)];
  return told.filter((p, i) => told.findIndex((q) => q.id === p.id) === i);
};

/** "3 participants will be emailed …", or that nobody will be. */
export const toldSentence = (count: number, cancelling: boolean) =>
  count === 0
    ? 'Nobody will be emailed: no participant told of their selection has it in their calendar.'
    : `${count} ${count === 1 ? 'participant' : 'participants'} will be emailed ${
        cancelling ? 'that it is cancelled' : 'the change'
      }, with a calendar entry that replaces theirs.`;

/** The id of each field of the event's form, as the error summary links to them. */
export const fieldIds = {
  title: 'event-title',
  when: 'event-at',
  'when.at': 'event-at',
  'when.durationMinutes': 'event-duration',
  theme: 'event-theme',
  facilitator: 'event-facilitator',
  agenda: 'event-agenda',
  readings: 'event-add-reading',
  joinUrl: 'event-join-url',
  group: 'event-group',
  note: 'event-note',
} as const;
export const readingId = (row: number, field: 'title' | 'url') => `reading-${row}-${field}`;

const fieldLabels: Record<string, string> = {
  title: 'Title',
  when: 'Date and time',
  'when.at': 'Date and time',
  'when.durationMinutes': 'Duration',
  theme: 'Theme',
  facilitator: 'Facilitator',
  agenda: 'Agenda',
  readings: 'Readings',
  joinUrl: 'Join link',
  group: 'Mentoring group',
  note: 'Note',
};

/**
 * The API's issues placed on the form: those of the edited event (`timeline.<index>.<field>`, a
 * reading's `timeline.<index>.readings.<row>.<title|url>`) named by their field and linked to
 * its input, and by input id beside it; any other (another event, the whole timeline) as said.
 * A reading's row is the row of the form: empty rows are not sent, so rows are counted again.
 */
export const placeIssues = (issues: readonly Issue[], index: number, draft: EventDraft) => {
  const beside: Record<string, string> = {};
  const rows = draft.readings.flatMap((r, row) => (r.title.trim() || r.url.trim() ? [row] : []));
  const placed = (field: string, label: string, message: string) => {
    beside[field] = beside[field] ? `${beside[field]}; ${message}` : message;
    return { message: `${label}: ${message}`, field };
  };
  const problems = issues.map((issue) => {
    const parts = issue.path.split('.');
    if (parts[0] === 'note') return placed(fieldIds.note, 'Note', issue.message);
    if (parts[0] !== 'timeline' || Number(parts[1]) !== index) return { message: issue.message };
    const [field = '', sub, subsub] = parts.slice(2);
    if (field === 'readings' && sub !== undefined && (subsub === 'title' || subsub === 'url')) {
      const row = rows[Number(sub)] ?? Number(sub);
      return placed(
        readingId(row, subsub),
        `Reading ${row + 1}, ${subsub === 'url' ? 'link' : 'title'}`,
        issue.message,
      );
    }
    const key = (field === 'when' && sub ? `when.${sub}` : field) as keyof typeof fieldIds;
    const id = fieldIds[key] ?? (field === 'when' ? fieldIds.when : undefined);
    if (!id) return { message: issue.message };
    return placed(id, fieldLabels[key] ?? fieldLabels[field] ?? field, issue.message);
  });
  return { problems, beside };
};

/** What the words say of a sync: the schedules it created, replaced and deleted. */
type ScheduleChanges = Pick<NonNullable<TimelineSaved['schedules']>, 'created' | 'updated' | 'deleted'>;

/** The reminder schedules a save changed, in words: "Reminder schedules: 2 created, 2 replaced." */
export const schedulesWords = (schedules: ScheduleChanges | undefined) => {
  if (!schedules) return '';
  const parts = (
    [
      [schedules.created.length, 'created'],
      [schedules.updated.length, 'replaced'],
      [schedules.deleted.length, 'deleted'],
    ] as const
  ).flatMap(([n, what]) => (n ? [`${n} ${what}`] : []));
  return parts.length ? `Reminder schedules: ${parts.join(', ')}.` : 'No reminder schedule had to change.';
};

/** What the banner says after a save or a cancellation: what happened, and who is told. */
export const savedWords = (
  title: string,
  cancelled: boolean,
  /** Undefined when the participants could not be read. */
  told: number | undefined,
  saved: { schedules?: ScheduleChanges; schedulesPending?: TimelineSaved['schedulesPending'] },
) => ({
  message: cancelled ? `${title} is cancelled` : `${title} is saved`,
  detail: [
    told === undefined
      ? 'Participants whose calendar it changes are being emailed.'
      : told === 0
        ? 'Nobody was emailed.'
        : `${told} ${told === 1 ? 'participant is' : 'participants are'} being emailed ${
            cancelled ? 'the cancellation' : 'the change'
          }.`,
    saved.schedulesPending ?? schedulesWords(saved.schedules),
  ]
    .filter(Boolean)
    .join(' '),
});
