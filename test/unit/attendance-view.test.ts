import { describe, expect, it } from 'vitest';
import {
  type AttendanceEvent,
  type AttendanceParticipant,
  type AttendanceRead,
  attendedWords,
  cellOf,
  draftOf,
  eventDay,
  eventName,
  eventWhen,
  markEveryonePresent,
  markFieldId,
  markOne,
  meetingsHeld,
  monthShort,
  placeIssues,
  registerBody,
  registerChanged,
  registerState,
  reloadDraft,
  ruleSentence,
  standing,
  tally,
  tallyWords,
  unmarked,
  unmarkedSentence,
} from '../../console/src/attendance-view.ts';

const person = (
  id: string,
  name: string,
  attended = 0,
  held = 0,
  meetsRule = false,
): AttendanceParticipant => ({
  id,
  reference: id.toUpperCase(),
  name,
  library: `${name} Library`,
  city: 'Lisbon',
  attended,
  held,
  meetsRule,
});

const ana = person('n1', 'Ana Santos');
const ben = person('n2', 'Ben Okafor');
const chen = person('n3', 'Chen Wei');
const people = [ana, ben, chen];

const meeting = (id: string, at: string, over: Partial<AttendanceEvent> = {}): AttendanceEvent => ({
  id,
  kind: 'meeting',
  title: 'Monthly online meeting',
  when: { at, durationMinutes: 120 },
  held: true,
  version: 0,
  marks: {},
  expected: ['n1', 'n2', 'n3'],
  ...over,
});

const april = meeting('meeting-2024-04', '2024-04-09T09:00', {
  version: 2,
  marks: { n1: 'present', n2: 'absent' },
});
const may = meeting('meeting-2024-05', '2024-05-14T09:00');
const july = meeting('meeting-2024-07', '2024-07-09T09:00', { held: false });
const session: AttendanceEvent = {
  id: 'mentoring-2024-05',
  kind: 'mentoring',
  title: 'Leadership group mentoring',
  when: { month: '2024-05' },
  group: 'lisbon-circle',
  held: false,
  version: 0,
  marks: {},
  expected: ['n1', 'n2'],
};

describe('the meetings in words', () => {
  it('names a meeting by its title and day, and the month of the year’s columns', () => {
    expect(eventName(april)).toBe('Monthly online meeting, Tuesday 9 April 2024');
    expect(eventDay(session)).toBe('May 2024');
    expect(monthShort(april)).toBe('Apr');
    expect(monthShort(session)).toBe('May');
    expect(monthShort(meeting('m', '2024-09-10T09:00'))).toBe('Sep');
  });

  it('says when a meeting is in the program’s zone, or the zone of its own', () => {
    expect(eventWhen(april, 'America/New_York')).toBe(
      'Tuesday 9 April 2024, 09:00 for 2 hours (New York time)',
    );
    expect(eventWhen({ ...april, timeZone: 'Europe/Madrid' }, 'America/New_York')).toBe(
      'Tuesday 9 April 2024, 09:00 for 2 hours (Madrid time)',
    );
    expect(eventWhen(session)).toBe('May 2024, day to be set');
  });

  it('says where each register stands', () => {
    expect(registerState(april)).toEqual({ kind: 'kept', words: 'Kept: 1 present, 1 absent, 1 not marked' });
    expect(registerState(may)).toEqual({
      kind: 'not-kept',
      words: 'Not kept: it counts as attended by everyone',
    });
    expect(registerState({ ...session, held: true })).toEqual({ kind: 'not-kept', words: 'Not kept' });
    expect(registerState(july)).toEqual({ kind: 'not-held', words: 'Not held yet' });
  });
});

describe('a register being kept', () => {
  it('starts from the marks read, for those it is for', () => {
    expect(draftOf(april)).toEqual({ n1: 'present', n2: 'absent', n3: undefined });
    expect(draftOf({ ...session, marks: { n1: 'excused', n3: 'present' } })).toEqual({
      n1: 'excused',
      n2: undefined,
    });
  });

  it('marks everyone not marked present, and keeps the marks made', () => {
    const draft = markEveryonePresent(april, draftOf(april));
    expect(draft).toEqual({ n1: 'present', n2: 'absent', n3: 'present' });
    expect(markOne(draft, 'n1', 'excused')).toEqual({ n1: 'excused', n2: 'absent', n3: 'present' });
  });

  it('names those not marked, who count as not present once it is saved', () => {
    expect(unmarked(april, draftOf(april), people)).toEqual([chen]);
    expect(unmarked(may, draftOf(may), people)).toEqual(people);
    expect(unmarkedSentence(1)).toBe('1 participant is not marked: saved so, they count as not present.');
    expect(unmarkedSentence(3)).toBe('3 participants are not marked: saved so, they count as not present.');
  });

  it('counts the marks on the page', () => {
    expect(tally(april)).toEqual({ present: 1, absent: 1, excused: 0, unmarked: 1 });
    expect(tallyWords(tally(may, markEveryonePresent(may, {})))).toBe('3 present');
    expect(tallyWords(tally({ ...may, expected: [] }))).toBe('nobody to mark');
  });

  it('knows whether anything changed', () => {
    expect(registerChanged(april, draftOf(april))).toBe(false);
    expect(registerChanged(april, markOne(draftOf(april), 'n3', 'present'))).toBe(true);
    expect(registerChanged(april, markOne(draftOf(april), 'n1', 'present'))).toBe(false);
  });

  it('sends the whole register at the version read, with the note', () => {
    const draft = markOne(markEveryonePresent(april, draftOf(april)), 'n1', 'excused');
    expect(registerBody(april, draft, people, '  Ben wrote ahead  ')).toEqual({
      marks: { n1: 'excused', n2: 'absent', n3: 'present' },
      expectedVersion: 2,
      note: 'Ben wrote ahead',
    });
    expect(registerBody(may, draftOf(may), people, ' ')).toEqual({ marks: {}, expectedVersion: 0 });
  });

  it('keeps the marks of participants it is no longer for, and drops those who are no longer participants', () => {
    // The session's group changed since: Chen was marked, and is not in the group now; Dara left.
    const moved = {
      ...session,
      held: true,
      version: 1,
      marks: { n1: 'present', n3: 'absent', n9: 'present' },
    } as const;
    expect(registerBody(moved, { n1: 'present', n2: 'excused' }, people, '')).toEqual({
      marks: { n3: 'absent', n1: 'present', n2: 'excused' },
      expectedVersion: 1,
    });
  });

  it('keeps the marks made on the page when read again unsaved meanwhile, not when someone saved it', () => {
    const draft = markEveryonePresent(april, draftOf(april));
    // Chen left the program: the register is for the two others now, at the same version.
    const left = { ...april, expected: ['n1', 'n2'] };
    expect(reloadDraft(april, draft, left)).toEqual({ draft: { n1: 'present', n2: 'absent' }, kept: true });
    const saved = { ...april, version: 3, marks: { n1: 'absent' as const } };
    expect(reloadDraft(april, draft, saved)).toEqual({
      draft: { n1: 'absent', n2: undefined, n3: undefined },
      kept: false,
    });
  });

  it('places a refusal on the participant’s row and the note', () => {
    const placed = placeIssues(
      [
        { path: 'marks.n3', message: 'n3 is not a participant of the program' },
        { path: 'marks.n9', message: 'a mark is present, absent or excused' },
        { path: 'note', message: 'too long' },
        { path: 'expectedVersion', message: 'a number' },
      ],
      people,
    );
    expect(placed.problems).toEqual([
      { message: 'Chen Wei: n3 is not a participant of the program', field: markFieldId('n3') },
      { message: 'n9: a mark is present, absent or excused', field: 'mark-n9-present' },
      { message: 'Note: too long', field: 'register-note' },
      { message: 'a number' },
    ]);
    expect(placed.beside).toEqual({
      n3: 'n3 is not a participant of the program',
      n9: 'a mark is present, absent or excused',
    });
  });
});

describe('the year', () => {
  const june = meeting('meeting-2024-06', '2024-06-11T09:00', {
    version: 1,
    marks: { n1: 'present', n2: 'excused' },
  });
  const later = ['08', '09', '10', '11', '12'].map((m) =>
    meeting(`m-${m}`, `2024-${m}-10T09:00`, { held: false }),
  );
  const read: AttendanceRead = {
    programId: 'metlib-2024',
    certificateRule: { meetingsAttended: 7 },
    events: [april, may, session, june, july, ...later],
    participants: [
      person('n1', 'Ana Santos', 3, 3),
      person('n2', 'Ben Okafor', 1, 3),
      person('n3', 'Chen Wei', 1, 3),
    ],
  };

  it('has a column for each monthly meeting held', () => {
    expect(meetingsHeld(read).map((e) => e.id)).toEqual([
      'meeting-2024-04',
      'meeting-2024-05',
      'meeting-2024-06',
    ]);
  });

  it('marks each participant at each: present, absent, excused, not recorded, or no register', () => {
    expect(['n1', 'n2', 'n3'].map((id) => cellOf(april, id).symbol)).toEqual(['✓', '✗', '—']);
    expect(cellOf(june, 'n2')).toEqual({ kind: 'excused', symbol: 'E', words: 'Excused' });
    expect(cellOf(april, 'n3').words).toBe('Not recorded: counts as not present');
    expect(cellOf(may, 'n1')).toEqual({
      kind: 'no-register',
      symbol: 'No register',
      words: 'No register kept: counts as present',
    });
    expect(cellOf({ ...session, held: true }, 'n3').kind).toBe('not-theirs');
  });

  it('says how many were attended of those needed, and where that leaves each', () => {
    const [a, b, c] = read.participants as [
      AttendanceParticipant,
      AttendanceParticipant,
      AttendanceParticipant,
    ];
    expect(attendedWords(a, 7)).toBe('3 of 7 needed');
    expect(attendedWords({ ...a, attended: 7 }, 7)).toBe('7 of 7 needed');
    expect(attendedWords({ ...a, attended: 9 }, 7)).toBe('9 (7 needed)');
    // Six meetings to come (July and five more): 1 + 6 reaches 7, 0 + 6 would not.
    expect(standing(read, b)).toEqual({ kind: 'can-still', words: 'Can still meet it', toCome: 6 });
    expect(standing(read, { ...c, attended: 0 })).toEqual({
      kind: 'below',
      words: 'Below the rule',
      toCome: 6,
    });
    expect(standing(read, { ...a, attended: 7, meetsRule: true })).toEqual({
      kind: 'meets',
      words: 'Meets the rule',
    });
  });

  it('states the rule', () => {
    expect(ruleSentence(read)).toBe(
      'The certificate needs 7 of the monthly meetings: 3 of the 9 have been held.',
    );
    expect(ruleSentence({ ...read, events: [july, ...later] })).toBe(
      'The certificate needs 7 of the monthly meetings: none of the 6 has been held yet.',
    );
    expect(ruleSentence({ ...read, events: [april, july] })).toBe(
      'The certificate needs 7 of the monthly meetings: 1 of the 2 has been held.',
    );
    expect(ruleSentence({ ...read, events: [april, may] })).toBe(
      'The certificate needs 7 of the monthly meetings: all 2 have been held.',
    );
  });
});
