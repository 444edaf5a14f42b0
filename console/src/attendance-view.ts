/**
 * A program's attendance as the API answers it, and what the console works out from it, kept
 * apart from the components so it is tested without a browser: the meetings in words, a register
 * being kept (the draft), the body of a save, the API's issues placed on the rows, and the year
 * of each participant against the certificate rule.
 */
import type { AttendanceRead, RegisterBody, RegisterSaved } from './contract.ts';
import { formatSession, type TimelineEventWhen } from './groups-view.ts';
import { formatDay, type Issue } from './settings-view.ts';

export type { Issue, TimelineEventWhen };

export type Mark = RegisterBody['marks'][string];
export const marks = ['present', 'absent', 'excused'] as const satisfies readonly Mark[];

export const markLabels: Record<Mark, string> = { present: 'Present', absent: 'Absent', excused: 'Excused' };

/** What `GET /programs/{programId}/attendance` answers. */
export type { AttendanceRead, RegisterSaved };
/** A meeting or mentoring session with its register: `held` once it has begun, `version` 0 while never kept. */
export type AttendanceEvent = AttendanceRead['events'][number];
/** A participant and their record against the certificate rule, as of now. */
export type AttendanceParticipant = AttendanceRead['participants'][number];

/** The register on the page: each expected participant's mark, or none yet. */
export type Draft = Record<string, Mark | undefined>;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar date an event starts on, or its month: 2024-04-09, 2024-05. */
const firstDate = (when: TimelineEventWhen) =>
  'at' in when ? (when.at.split('T')[0] ?? '') : 'from' in when ? when.from : when.month;

/** "Apr": the month of an event, as a column of the year shows it. */
export const monthShort = (event: Pick<AttendanceEvent, 'when'>) =>
  months[Number(firstDate(event.when).slice(5, 7)) - 1] ?? firstDate(event.when);

const monthLong = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The day of an event in words: "Tuesday 9 April 2024", or "May 2024" when only its month is known. */
export const eventDay = (event: Pick<AttendanceEvent, 'when'>) => {
  const { when } = event;
  if ('month' in when) {
    const first = new Date(`${when.month}-01T12:00:00Z`);
    return Number.isNaN(first.getTime()) ? when.month : monthLong.format(first);
  }
  return formatDay(firstDate(when));
};

/** How the page names an event: "Monthly online meeting, Tuesday 9 April 2024". */
export const eventName = (event: Pick<AttendanceEvent, 'title' | 'when'>) =>
  `${event.title}, ${eventDay(event)}`;

/** When an event is, in full: "Tuesday 9 April 2024, 09:00 for 2 hours (New York time)". */
export const eventWhen = (event: Pick<AttendanceEvent, 'when' | 'timeZone'>, programZone?: string) =>
  formatSession(event, programZone);

/** The register as it was read, for the page to edit: the marks of those it is for. */
export const draftOf = (event: AttendanceEvent): Draft =>
  Object.fromEntries(event.expected.map((id) => [id, event.marks[id]]));

export const markOne = (draft: Draft, participant: string, mark: Mark): Draft => ({
  ...draft,
  [participant]: mark,
});

/** Everyone not marked yet marked present; a mark already made stays. */
export const markEveryonePresent = (event: AttendanceEvent, draft: Draft): Draft =>
  Object.fromEntries(event.expected.map((id) => [id, draft[id] ?? 'present']));

/** The participants the register is for who have no mark on the page, in the order given. */
export const unmarked = <P extends { id: string }>(
  event: AttendanceEvent,
  draft: Draft,
  people: readonly P[],
) => people.filter((p) => event.expected.includes(p.id) && !draft[p.id]);

/** Whether the page marks anyone otherwise than the register read. */
export const registerChanged = (event: AttendanceEvent, draft: Draft) =>
  event.expected.some((id) => draft[id] !== event.marks[id]);

/**
 * The body of `PUT …/attendance/{eventId}`: the whole register at the version read. The marks on
 * the page, and those read for participants of the program it is no longer for (a session's group
 * changed meanwhile), so a save keeps them; a mark of someone who is no longer a participant goes.
 */
export const registerBody = (
  event: AttendanceEvent,
  draft: Draft,
  participants: readonly { id: string }[],
  note: string,
): RegisterBody => {
  const current = new Set(participants.map((p) => p.id));
  const kept = Object.entries(event.marks).filter(([id]) => !event.expected.includes(id) && current.has(id));
  const marked = event.expected.flatMap((id) => {
    const mark = draft[id];
    return mark ? [[id, mark] as const] : [];
  });
  return {
    marks: Object.fromEntries([...kept, ...marked]) as Record<string, Mark>,
    expectedVersion: event.version,
    ...(note.trim() ? { note: note.trim() } : {}),
  };
};

/**
 * The register on the page once it is read again. When nobody saved it meanwhile (its version is
 * the one read), the marks made on the page stay for whoever it is still for; otherwise it shows
 * the register as saved. Answers whether the marks were kept.
 */
export const reloadDraft = (before: AttendanceEvent, draft: Draft, fresh: AttendanceEvent) => {
  if (fresh.version !== before.version) return { draft: draftOf(fresh), kept: false };
  return {
    draft: Object.fromEntries(fresh.expected.map((id) => [id, draft[id] ?? fresh.marks[id]])) as Draft,
    kept: true,
  };
};

/** The id of a participant's first radio (Present), as the error summary links to it. */
export const markFieldId = (participant: string, mark: Mark = 'present') => `mark-${participant}-${mark}`;
export const registerNoteId = 'register-note';

/**
 * The API's issues placed on the page: a mark's (`marks.<id>`) in the error summary named by the
 * participant and linked to their row, and beside their radios; the note's to the note.
 */
export const placeIssues = (issues: readonly Issue[], people: readonly { id: string; name: string }[]) => {
  const beside: Record<string, string> = {};
  const problems = issues.map((issue) => {
    if (issue.path === 'note') return { message: `Note: ${issue.message}`, field: registerNoteId };
    if (!issue.path.startsWith('marks.')) return { message: issue.message };
    const id = issue.path.slice('marks.'.length);
    const person = people.find((p) => p.id === id);
    beside[id] = beside[id] ? `${beside[id]}; ${issue.message}` : issue.message;
    return { message: `${person?.name ?? id}: ${issue.message}`, field: markFieldId(id) };
  });
  return { problems, beside };
};

/** How many of those the register is for are marked each way, and not marked. */
export const tally = (event: AttendanceEvent, draft: Draft = event.marks) => {
  const counts = { present: 0, absent: 0, excused: 0, unmarked: 0 };
  for (const id of event.expected) counts[draft[id] ?? 'unmarked'] += 1;
  return counts;
};

/** "3 present, 1 absent": the marks made, those not made last. */
export const tallyWords = (counts: ReturnType<typeof tally>) => {
  const said = [
    counts.present ? `${counts.present} present` : '',
    counts.absent ? `${counts.absent} absent` : '',
    counts.excused ? `${counts.excused} excused` : '',
    counts.unmarked ? `${counts.unmarked} not marked` : '',
  ].filter(Boolean);
  return said.length ? said.join(', ') : 'nobody to mark';
};

/** What an event's register stands at, in the list of registers. */
export const registerState = (event: AttendanceEvent) => {
  if (!event.held) return { kind: 'not-held' as const, words: 'Not held yet' };
  if (event.version === 0)
    return {
      kind: 'not-kept' as const,
      words: event.kind === 'meeting' ? 'Not kept: it counts as attended by everyone' : 'Not kept',
    };
  return { kind: 'kept' as const, words: `Kept: ${tallyWords(tally(event))}` };
};

/** "2 participants are not marked: saved so, they count as not present." */
export const unmarkedSentence = (count: number) =>
  `${count} ${count === 1 ? 'participant is' : 'participants are'} not marked: saved so, they count as not present.`;

/** The monthly meetings held, in the timeline's order: the columns of the year. */
export const meetingsHeld = (read: AttendanceRead) =>
  read.events.filter((e) => e.kind === 'meeting' && e.held);

export type Cell =
  | { kind: Mark; symbol: string; words: string }
  | { kind: 'not-recorded'; symbol: string; words: string }
  | { kind: 'no-register'; symbol: string; words: string }
  | { kind: 'not-theirs'; symbol: string; words: string };

/**
 * A participant at a meeting, as the year's table shows it: ✓ present, ✗ absent, E excused, —
 * not marked in a register kept (not present), or no register (never kept: counts as present).
 */
export const cellOf = (event: AttendanceEvent, participant: string): Cell => {
  if (!event.expected.includes(participant))
    return { kind: 'not-theirs', symbol: '', words: 'Not one of theirs' };
  if (event.version === 0)
    return { kind: 'no-register', symbol: 'No register', words: 'No register kept: counts as present' };
  const mark = event.marks[participant];
  if (mark === 'present') return { kind: mark, symbol: '✓', words: 'Present' };
  if (mark === 'absent') return { kind: mark, symbol: '✗', words: 'Absent' };
  if (mark === 'excused') return { kind: mark, symbol: 'E', words: 'Excused' };
  return { kind: 'not-recorded', symbol: '—', words: 'Not recorded: counts as not present' };
};

/** "3 of 7 needed", "7 of 7 needed"; past the rule, "9 (7 needed)". */
export const attendedWords = (participant: AttendanceParticipant, required: number) =>
  participant.attended > required
    ? `${participant.attended} (${required} needed)`
    : `${participant.attended} of ${required} needed`;

/**
 * Where a participant stands against the rule: they meet it; or they can still meet it with the
 * meetings to come; or they can no longer (below the rule).
 */
export const standing = (read: AttendanceRead, participant: AttendanceParticipant) => {
  const required = read.certificateRule.meetingsAttended;
  if (participant.meetsRule) return { kind: 'meets' as const, words: 'Meets the rule' };
  const toCome = read.events.filter(
    (e) => e.kind === 'meeting' && !e.held && e.expected.includes(participant.id),
  ).length;
  return participant.attended + toCome >= required
    ? { kind: 'can-still' as const, words: 'Can still meet it', toCome }
    : { kind: 'below' as const, words: 'Below the rule', toCome };
};

/** "The certificate needs 7 of the monthly meetings: 3 of the 10 have been held." */
export const ruleSentence = (read: AttendanceRead) => {
  const meetings = read.events.filter((e) => e.kind === 'meeting');
  const total = meetings.length;
  const held = meetings.filter((e) => e.held).length;
  const needs = `The certificate needs ${read.certificateRule.meetingsAttended} of the monthly meetings`;
  const so =
    held === 0
      ? `none of the ${total} has been held yet`
      : held === total
        ? `all ${total} have been held`
        : `${held} of the ${total} ${held === 1 ? 'has' : 'have'} been held`;
  return `${needs}: ${so}.`;
};
