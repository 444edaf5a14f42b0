import { describe, expect, it } from 'vitest';
import type { Participant } from '../../console/src/groups-view.ts';
import {
  placeIssues,
  savedWords,
  schedulesWords,
  toldOfChange,
  toldSentence,
} from '../../console/src/timeline-save-view.ts';
import {
  draftOf,
  eventOf,
  eventRow,
  eventWhen,
  sameEvent,
  type TimelineEvent,
  type TimelineRead,
  timelineBody,
} from '../../console/src/timeline-view.ts';

const may: TimelineEvent = {
  id: 'meeting-2024-05',
  kind: 'meeting',
  title: 'Monthly online meeting',
  when: { at: '2024-05-14T09:00', durationMinutes: 120 },
  theme: 'public-safety',
  facilitator: 'Tommi Laitio',
};
const session: TimelineEvent = {
  id: 'mentoring-2024-05',
  kind: 'mentoring',
  title: 'Leadership group mentoring',
  when: { month: '2024-05' },
};
const june: TimelineEvent = { ...may, id: 'meeting-2024-06', when: { at: '2024-06-11T09:00' } };
const summer: TimelineEvent = {
  id: 'summer-break-2024',
  kind: 'break',
  title: 'Summer break',
  when: { month: '2024-08' },
};
const read: TimelineRead = {
  programId: 'metlib-2024',
  timeZone: 'America/New_York',
  timelineVersion: 4,
  timeline: [may, session, june, summer],
  begun: [],
};

const person = (id: string, name: string, told: boolean, group: string | null): Participant => ({
  id,
  reference: id.toUpperCase(),
  name,
  library: `${name} Library`,
  city: 'Lisbon',
  country: 'PT',
  told,
  group,
});
const ana = person('n1', 'Ana Santos', true, 'lisbon');
const ben = person('n2', 'Ben Okafor', true, null);
const dara = person('n3', 'Dara Byrne', false, 'lisbon');
const people = [ana, ben, dara];

describe('the timeline in the console', () => {
  it('writes each event as people read it, in its zone', () => {
    expect(eventWhen(may, 'America/New_York')).toBe('Tuesday 14 May 2024, 09:00 for 2 hours (New York time)');
    expect(eventWhen(session, 'America/New_York')).toBe('May 2024, day to be set');
    expect(eventWhen(summer, 'America/New_York')).toBe('August 2024');
    expect(
      eventRow(
        { ...session, group: 'lisbon', joinUrl: 'https://meet.example.org/x' },
        {
          timeZone: 'America/New_York',
          themes: [],
          groups: [{ id: 'lisbon', name: 'Lisbon circle', mentor: 'Ana', members: [], sessions: [] }],
        },
      ),
    ).toEqual({
      when: 'May 2024, day to be set',
      kind: 'Mentoring session',
      title: 'Leadership group mentoring',
      theme: '',
      group: 'Lisbon circle',
      joinLink: 'Yes',
    });
    expect(
      eventRow(may, {
        timeZone: 'America/New_York',
        themes: [{ slug: 'public-safety', label: 'Public Safety' }],
        groups: [],
      }).theme,
    ).toBe('Public Safety');
  });

  it('edits one event: fields trimmed, empty ones and empty readings left out, a duration as typed when not a number', () => {
    const draft = {
      ...draftOf(may),
      title: ' Monthly online meeting ',
      facilitator: '',
      agenda: ' Welcome ',
      readings: [
        { title: 'Civic infrastructure', url: ' https://example.org/c ' },
        { title: '', url: '' },
      ],
      joinUrl: 'https://meet.example.org/may',
    };
    expect(eventOf(may, draft)).toEqual({
      id: 'meeting-2024-05',
      kind: 'meeting',
      title: 'Monthly online meeting',
      when: { at: '2024-05-14T09:00', durationMinutes: 120 },
      theme: 'public-safety',
      agenda: 'Welcome',
      readings: [{ title: 'Civic infrastructure', url: 'https://example.org/c' }],
      joinUrl: 'https://meet.example.org/may',
    });
    expect(eventOf(may, { ...draftOf(may), duration: 'two hours' }).when).toEqual({
      at: '2024-05-14T09:00',
      durationMinutes: 'two hours',
    });
    // The event as read comes back unchanged from its own draft.
    expect(eventOf(may, draftOf(may))).toEqual(may);
    expect(eventOf(session, draftOf(session))).toEqual(session);
  });

  it('gives a session known by its month a day only when asked, and its group', () => {
    const draft = { ...draftOf(session), at: '2024-05-21T10:00', duration: '90', group: 'lisbon' };
    expect(eventOf(session, draft)).toEqual({ ...session, group: 'lisbon' });
    expect(eventOf(session, { ...draft, dated: true })).toEqual({
      ...session,
      when: { at: '2024-05-21T10:00', durationMinutes: 90 },
      group: 'lisbon',
    });
    // Only a mentoring session has a group.
    expect(eventOf(may, { ...draftOf(may), group: 'lisbon' })).not.toHaveProperty('group');
  });

  it('sends the whole timeline with the event replaced, in date order, or without it', () => {
    const moved = { ...may, when: { at: '2024-07-02T09:00' } };
    const { index, body } = timelineBody(read, may.id, moved, ' Room booked ');
    expect(body.timeline.map((e) => e.id)).toEqual([
      'mentoring-2024-05',
      'meeting-2024-06',
      'meeting-2024-05',
      'summer-break-2024',
    ]);
    expect(index).toBe(2);
    expect(body).toMatchObject({ expectedVersion: 4, note: 'Room booked' });
    const same = timelineBody(read, june.id, { ...june, title: 'June' }, '');
    expect(same.index).toBe(2);
    expect(same.body).not.toHaveProperty('note');
    const cancelled = timelineBody(read, june.id, undefined, '');
    expect(cancelled.body.timeline.map((e) => e.id)).toEqual([
      'meeting-2024-05',
      'mentoring-2024-05',
      'summer-break-2024',
    ]);
  });

  it('says who will be emailed: told participants with the event in their calendar, before or after', () => {
    expect(toldOfChange(may, { ...may, title: 'May' }, people)).toEqual([ana, ben]);
    expect(toldOfChange(may, may, people)).toEqual([]);
    expect(toldOfChange(may, undefined, people)).toEqual([ana, ben]);
    // A session without a day is in nobody's calendar; given one for a group, its told members hear.
    const dated = { ...session, when: { at: '2024-05-21T10:00' }, group: 'lisbon' };
    expect(toldOfChange(session, dated, people)).toEqual([ana]);
    expect(toldOfChange(summer, { ...summer, title: 'Break' }, people)).toEqual([]);
    // The conference's form changes nothing: its fields come back in another order, the same event.
    const conference: TimelineEvent = {
      id: 'conference-2024',
      kind: 'conference',
      title: 'MetLib Conference',
      when: { from: '2024-10-06', to: '2024-10-10' },
      timeZone: 'Europe/Madrid',
      location: 'Barcelona, Spain',
    };
    expect(JSON.stringify(eventOf(conference, draftOf(conference)))).not.toBe(JSON.stringify(conference));
    expect(sameEvent(eventOf(conference, draftOf(conference)), conference)).toBe(true);
    expect(toldOfChange(conference, eventOf(conference, draftOf(conference)), people)).toEqual([]);
    expect(toldOfChange(conference, { ...conference, location: 'Madrid' }, people)).toEqual([ana, ben]);
    expect(toldSentence(1, false)).toBe(
      '1 participant will be emailed the change, with a calendar entry that replaces theirs.',
    );
    expect(toldSentence(2, true)).toContain('2 participants will be emailed that it is cancelled');
    expect(toldSentence(0, true)).toMatch(/^Nobody will be emailed/);
  });

  it('places the API’s issues of the edited event on its fields, others as said', () => {
    const draft = {
      ...draftOf(may),
      readings: [
        { title: '', url: '' },
        { title: 'A', url: 'http://example.org' },
      ],
    };
    const placed = placeIssues(
      [
        { path: 'timeline.2.joinUrl', message: 'the join link must be an https link' },
        { path: 'timeline.2.when.durationMinutes', message: 'too small' },
        { path: 'timeline.2.when', message: '"meeting-2024-05" would be in the past' },
        { path: 'timeline.2.readings.0.url', message: 'a reading is an https link' },
        { path: 'timeline.3.when', message: 'keep the timeline in date order' },
        { path: 'note', message: 'too long' },
      ],
      2,
      draft,
    );
    expect(placed.problems).toEqual([
      { message: 'Join link: the join link must be an https link', field: 'event-join-url' },
      { message: 'Duration: too small', field: 'event-duration' },
      { message: 'Date and time: "meeting-2024-05" would be in the past', field: 'event-at' },
      // The empty first row was not sent: the API's reading 0 is the form's second row.
      { message: 'Reading 2, link: a reading is an https link', field: 'reading-1-url' },
      { message: 'keep the timeline in date order' },
      { message: 'Note: too long', field: 'event-note' },
    ]);
    expect(placed.beside).toEqual({
      'event-join-url': 'the join link must be an https link',
      'event-duration': 'too small',
      'event-at': '"meeting-2024-05" would be in the past',
      'reading-1-url': 'a reading is an https link',
      'event-note': 'too long',
    });
  });

  it('says what a save did: who is told, and what the reminders did', () => {
    expect(schedulesWords({ created: ['a', 'b'], updated: [], deleted: ['c'] })).toBe(
      'Reminder schedules: 2 created, 1 deleted.',
    );
    expect(schedulesWords({ created: [], updated: [], deleted: [] })).toBe(
      'No reminder schedule had to change.',
    );
    expect(
      savedWords('Monthly online meeting', true, 1, {
        schedules: { created: [], updated: [], deleted: ['x', 'y'] },
      }),
    ).toEqual({
      message: 'Monthly online meeting is cancelled',
      detail: '1 participant is being emailed the cancellation. Reminder schedules: 2 deleted.',
    });
    expect(
      savedWords('Leadership group mentoring', false, 0, { schedulesPending: 'The timeline is saved but …' })
        .detail,
    ).toBe('Nobody was emailed. The timeline is saved but …');
    // The participants could not be read: the rule, not a count.
    expect(savedWords('June', false, undefined, {}).detail).toBe(
      'Participants whose calendar it changes are being emailed.',
    );
  });
});
