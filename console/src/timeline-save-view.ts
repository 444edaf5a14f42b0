/**
 * What a save of the timeline does, as the page says it, kept apart from the components so it is
 * tested without a browser: who will be emailed before it is made, the API's issues placed on the
 * form's fields, and what the save did in words.
 */
import type { Participant } from './groups-view.ts';
import {
  type EventDraft,
  type Issue,
  sameEvent,
  type TimelineEvent,
  type TimelineSaved,
} from './timeline-view.ts';

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
