import { describe, expect, it } from 'vitest';
import {
  addGroup,
  changed,
  changeGroup,
  draftOf,
  durationWords,
  formatSession,
  type GroupsRead,
  groupIds,
  groupLabel,
  groupsBody,
  type Participant,
  placeIssues,
  placeParticipant,
  removeGroup,
  slugOf,
  toldOfChange,
  toldSentence,
  ungrouped,
  uniqueSlug,
} from '../../console/src/groups-view.ts';

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
const ben = person('n2', 'Ben Okafor', true, 'lisbon');
const chen = person('n3', 'Chen Wei', true, 'helsinki');
const dara = person('n4', 'Dara Byrne', false, null);
const eve = person('n5', 'Eve Adams', true, null);
const member = ({ group: _, ...p }: Participant) => p;

/** Two groups saved: Lisbon (Ben, then Ana) with a session, Helsinki (Chen); Dara and Eve in none. */
const read: GroupsRead = {
  programId: 'metlib-2024',
  groupsVersion: 3,
  groups: [
    {
      id: 'lisbon',
      name: 'Lisbon circle',
      mentor: 'Ana Santos, Lisbon Municipal Libraries',
      members: [member(ben), member(ana)],
      sessions: [
        { id: 'mentoring-2024-05', title: 'Leadership group mentoring', when: { at: '2024-05-22T10:00' } },
      ],
    },
    {
      id: 'helsinki',
      name: 'Helsinki circle',
      mentor: 'Anna-Maria Soininvaara, Helsinki City Library',
      members: [member(chen)],
      sessions: [],
    },
  ],
  participants: [ana, ben, chen, dara, eve],
};

describe('the mentoring groups page', () => {
  it('edits the groups as read, and sends nothing new when nothing changed', () => {
    const draft = draftOf(read);
    expect(draft.groups.map((g) => [g.key, g.savedId])).toEqual([
      ['g1', 'lisbon'],
      ['g2', 'helsinki'],
    ]);
    expect(draft.placed).toEqual({ n1: 'g1', n2: 'g1', n3: 'g2', n4: '', n5: '' });
    expect(changed(read, draft)).toBe(false);
    expect(toldOfChange(read, draft)).toEqual([]);
    expect(ungrouped(read, draft).map((p) => p.name)).toEqual(['Dara Byrne', 'Eve Adams']);
    // Members keep the order they were saved in.
    expect(groupsBody(read, draft, '  ')).toEqual({
      groups: [
        { id: 'lisbon', name: 'Lisbon circle', mentor: read.groups[0]?.mentor, members: ['n2', 'n1'] },
        { id: 'helsinki', name: 'Helsinki circle', mentor: read.groups[1]?.mentor, members: ['n3'] },
      ],
      expectedVersion: 3,
    });
  });

  it('adds a group with an id from its name, places participants, and counts who will be emailed', () => {
    const added = addGroup(draftOf(read));
    expect(added.key).toBe('g3');
    expect(groupLabel(added.draft, 'g3')).toBe('New group 3');
    let draft = changeGroup(added.draft, 'g3', { name: ' Lisbon circle ', mentor: 'Brian Bannon, NYPL' });
    draft = placeParticipant(draft, 'n4', 'g3');
    draft = placeParticipant(draft, 'n5', 'g3');
    draft = placeParticipant(draft, 'n1', 'g2');
    expect(changed(read, draft)).toBe(true);
    // A new group's id comes from its name; a saved group keeps its own whatever its name.
    expect(groupIds(read, draft).get('g3')).toBe('lisbon-circle');
    const body = groupsBody(read, draft, ' Balance of cities ');
    expect(body.note).toBe('Balance of cities');
    expect(body.groups).toEqual([
      expect.objectContaining({ id: 'lisbon', members: ['n2'] }),
      expect.objectContaining({ id: 'helsinki', members: ['n3', 'n1'] }),
      { id: 'lisbon-circle', name: 'Lisbon circle', mentor: 'Brian Bannon, NYPL', members: ['n4', 'n5'] },
    ]);
    // Ana moves and Eve joins; Dara has not been told of her selection, so hears nothing.
    expect(toldOfChange(read, draft).map((p) => p.name)).toEqual(['Ana Santos', 'Eve Adams']);
    expect(ungrouped(read, draft)).toEqual([]);
  });

  it('emails every told member of a group whose name or mentor changes, and no one for a note', () => {
    const renamed = changeGroup(draftOf(read), 'g1', { mentor: 'Rui Costa, Lisbon Municipal Libraries' });
    expect(toldOfChange(read, renamed).map((p) => p.name)).toEqual(['Ana Santos', 'Ben Okafor']);
    const spaced = changeGroup(draftOf(read), 'g2', { name: 'Helsinki circle  ' });
    expect(changed(read, spaced)).toBe(false);
    expect(toldSentence(0)).toBe(
      'Nobody will be emailed: no participant told of their selection changes group.',
    );
    expect(toldSentence(1)).toBe('1 participant will be told of their new group by email.');
    expect(toldSentence(3)).toBe('3 participants will be told of their new group by email.');
  });

  it('removes a group with its members, and never gives a new group a removed group’s id', () => {
    let draft = removeGroup(draftOf(read), 'g1');
    expect(draft.placed).toMatchObject({ n1: '', n2: '', n3: 'g2' });
    expect(toldOfChange(read, draft).map((p) => p.name)).toEqual(['Ana Santos', 'Ben Okafor']);
    const added = addGroup(draft);
    draft = changeGroup(added.draft, added.key, { name: 'Lisbon' });
    expect(groupIds(read, draft).get(added.key)).toBe('lisbon-2');
    expect(groupsBody(read, draft, '').groups.map((g) => g.id)).toEqual(['helsinki', 'lisbon-2']);
  });

  it('makes ids of any name: lower-case words joined by hyphens, 40 at most, unlike the others', () => {
    expect(slugOf('Lisbon circle')).toBe('lisbon-circle');
    expect(slugOf('  São Paulo & Bogotá: Öffentliche Bücherei! ')).toBe(
      'sao-paulo-bogota-offentliche-bucherei',
    );
    expect(slugOf('北京')).toBe('');
    expect(uniqueSlug('北京', new Set())).toBe('group');
    expect(uniqueSlug('', new Set(['group']))).toBe('group-2');
    const long = 'The very long name of a mentoring group that goes on and on';
    expect(slugOf(long)).toBe('the-very-long-name-of-a-mentoring-group');
    expect(slugOf(long).length).toBeLessThanOrEqual(40);
    const taken = new Set([slugOf(long), `${slugOf(long).slice(0, 38)}-2`]);
    const next = uniqueSlug(long, taken);
    expect(next).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(next.length).toBeLessThanOrEqual(40);
    expect(next.endsWith('-3')).toBe(true);
  });

  it('places the API’s issues on the group’s inputs and the participant’s select', () => {
    const added = addGroup(draftOf(read));
    const draft = placeParticipant(changeGroup(added.draft, 'g3', { name: 'Porto' }), 'n4', 'g3');
    const body = groupsBody(read, draft, '');
    const sent = { keys: draft.groups.map((g) => g.key), groups: body.groups };
    const { problems, beside } = placeIssues(
      [
        { path: 'groups.2.mentor', message: 'name the mentor' },
        { path: 'groups.2.members.0', message: 'n4 is not a participant of the program' },
        { path: 'groups.0.name', message: 'give the group a name' },
        { path: 'groups.1.id', message: '"helsinki" is used twice' },
        { path: 'note', message: 'Too long' },
        { path: 'expectedVersion', message: 'expectedVersion is the groupsVersion you read' },
      ],
      sent,
      read.participants,
    );
    expect(problems).toEqual([
      { message: 'Mentor of Porto: name the mentor', field: 'group-g3-mentor' },
      { message: 'Dara Byrne: n4 is not a participant of the program', field: 'group-of-n4' },
      { message: 'Name of Lisbon circle: give the group a name', field: 'group-g1-name' },
      {
        message: 'Helsinki circle: its id, helsinki, from its name: "helsinki" is used twice',
        field: 'group-g2-name',
      },
      { message: 'Note: Too long', field: 'groups-note' },
      { message: 'expectedVersion is the groupsVersion you read' },
    ]);
    expect(beside).toMatchObject({
      'group-g3-mentor': 'name the mentor',
      'group-of-n4': 'n4 is not a participant of the program',
    });
    // A group sent without a name is named by its place.
    const nameless = placeIssues(
      [{ path: 'groups.2.name', message: 'give the group a name' }],
      { keys: sent.keys, groups: sent.groups.map((g, i) => (i === 2 ? { ...g, name: '' } : g)) },
      read.participants,
    );
    expect(nameless.problems).toEqual([
      { message: 'Name of group 3: give the group a name', field: 'group-g3-name' },
    ]);
  });

  it('writes a session’s date as people read it, never as ISO', () => {
    expect(formatSession({ when: { at: '2024-05-22T10:00' } }, 'America/New_York')).toBe(
      'Wednesday 22 May 2024, 10:00 (New York time)',
    );
    expect(
      formatSession(
        { when: { at: '2024-10-16T16:30', durationMinutes: 90 }, timeZone: 'Europe/Madrid' },
        'UTC',
      ),
    ).toBe('Wednesday 16 October 2024, 16:30 for 1 hour 30 minutes (Madrid time)');
    expect(formatSession({ when: { at: '2024-05-22T10:00', durationMinutes: 60 } })).toBe(
      'Wednesday 22 May 2024, 10:00 for 1 hour',
    );
    expect(formatSession({ when: { from: '2024-08-19', to: '2024-08-22' } })).toBe(
      'Monday 19 August 2024 to Thursday 22 August 2024',
    );
    expect(formatSession({ when: { month: '2024-09' } })).toBe('September 2024, day to be set');
    expect(durationWords(45)).toBe('45 minutes');
    expect(durationWords(120)).toBe('2 hours');
  });
});
