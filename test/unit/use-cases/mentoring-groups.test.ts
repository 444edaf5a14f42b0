import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { ConflictError, ForbiddenError, ValidationError, VersionConflictError } from '#shared/domain/errors';
import type { MentoringGroup } from '#shared/domain/mentoring-groups';
import type { Nomination } from '#shared/domain/nomination';
import { publicProgram, type TimelineEvent } from '#shared/domain/program';
import { readAttendance } from '#shared/use-cases/attendance';
import { changeMentoringGroups, readMentoringGroups } from '#shared/use-cases/mentoring-groups';
import { runTimelineEvent } from '#shared/use-cases/run-timeline-event';
import { updateTimeline } from '#shared/use-cases/update-timeline';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  type World,
} from '../../support/in-memory/world.ts';

/** Four participants told of their place and one applicant not selected; the clock then at `now`. */
const cohort = async (now: string) => {
  const world = inMemoryWorld({ now: '2024-02-01T14:00:00Z' });
  const people: Nomination[] = [];
  for (let i = 0; i < 4; i++) people.push(await nominated(world, ['review', 'select', 'notify']));
  const rejected = await nominated(world, ['review', 'reject', 'notify']);
  world.clock.set(now);
  return { world, people: people as [Nomination, Nomination, Nomination, Nomination], rejected };
};

const group = (
  id: string,
  members: Nomination[],
  mentor = 'Brian Bannon, New York Public Library',
): MentoringGroup => ({
  id,
  name: `Group ${id.toUpperCase()}`,
  mentor,
  members: members.map((n) => n.id),
});

const arrange = (world: World, groups: MentoringGroup[], expectedVersion: number, actor = organizer) =>
  changeMentoringGroups(world, 'metlib-2024', actor, { groups, expectedVersion });

/** A change that must be refused: the groups and the outbox stay as they were. */
const refusedArrangement = async (world: World, body: unknown, actor = organizer) => {
  const before = { stored: await world.programs.require('metlib-2024'), emails: world.outbox.all().length };
  const error = await changeMentoringGroups(world, 'metlib-2024', actor, body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect({ stored: await world.programs.require('metlib-2024'), emails: world.outbox.all().length }).toEqual(
    before,
  );
  return error as Error & { issues?: { path: string; message: string }[] };
};

/** The timeline with the May mentoring session given a date, and optionally a group. */
const mayMentoring = (timeline: readonly TimelineEvent[], at: string, groupId?: string) =>
  timeline.map((e) =>
    e.id === 'mentoring-2024-05'
      ? { ...e, when: { at, durationMinutes: 90 }, ...(groupId ? { group: groupId } : {}) }
      : e,
  );

const vevents = (attachments: { content: string }[] | undefined) =>
  (attachments ?? []).map((a) => {
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(a.content, 'base64').toString('utf8')));
    const vevent = calendar.getFirstSubcomponent('vevent');
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: vevent?.getFirstPropertyValue('uid'),
      sequence: vevent?.getFirstPropertyValue('sequence'),
      description: String(vevent?.getFirstPropertyValue('description') ?? ''),
    };
  });

describe('mentoring groups', () => {
  it('arranges groups and tells each told participant their group, mentor and fellows, once', async () => {
    const { world, people } = await cohort('2024-04-20T12:00:00Z');
    const [a1, a2, b1, alone] = people;
    const result = await arrange(
      world,
      [group('a', [a1, a2]), group('b', [b1], 'Ana Santos, Lisbon Municipal Libraries')],
      0,
    );
    expect(result.groupsVersion).toBe(1);
    expect(result.groups.map((g) => [g.id, g.members.map((m) => m.id)])).toEqual([
      ['a', [a1.id, a2.id]],
      ['b', [b1.id]],
    ]);
    expect(result.participants.find((p) => p.id === alone.id)?.group).toBeNull();
    const told = queued(world, 'mentoring-group');
    expect(told.map((e) => e.nominationId).sort()).toEqual([a1.id, a2.id, b1.id].sort());
    const toA1 = told.find((e) => e.nominationId === a1.id)?.email;
    expect(toA1?.subject).toBe('Your mentoring group in the MetLib Learning Circle 2024: Group A');
    expect(toA1?.text).toContain(
      'You are in the mentoring group Group A, mentored by Brian Bannon, New York Public Library.',
    );
    expect(toA1?.text).toContain(
      `With you in the group: ${a2.candidate.name} (${a2.library.name}, ${a2.library.city}).`,
    );
    expect(toA1?.to).toEqual([a1.candidate.email]);

    // Saved again unchanged: nobody is told anything.
    await arrange(
      world,
      [group('a', [a1, a2]), group('b', [b1], 'Ana Santos, Lisbon Municipal Libraries')],
      1,
    );
    expect(queued(world, 'mentoring-group')).toHaveLength(3);
    expect(world.programs.mentoringGroupsHistory('metlib-2024').map((e) => e.actor)).toEqual([
      'organizer@example.org',
      'organizer@example.org',
    ]);
  });

  it('gives a session known by its month a date mid-month for one group: its members only are told and reminded', async () => {
    const { world, people } = await cohort('2024-05-10T12:00:00Z');
    const [a1, a2, b1, alone] = people;
    await arrange(world, [group('a', [a1, a2]), group('b', [b1])], 0);
    const groupMails = queued(world, 'mentoring-group').length;
    const result = await updateTimeline(world, 'metlib-2024', organizer, {
      timeline: mayMentoring(metlib2024.timeline, '2024-05-22T10:00', 'a'),
      expectedVersion: 0,
    });
    expect(result.schedulesPending).toBeUndefined();
    const told = queued(world, 'timeline-changed');
    expect(told.map((e) => e.nominationId).sort()).toEqual([a1.id, a2.id].sort());
    const [invite] = vevents(told[0]?.email.attachments);
    // The groups saved once and the timeline once: the entry's SEQUENCE is 2.
    expect(invite).toMatchObject({
      method: 'PUBLISH',
      uid: 'mentoring-2024-05.metlib-2024@metlib-nominations',
      sequence: 2,
    });
    expect(invite?.description).toContain(
      'For the mentoring group Group A, mentored by Brian Bannon, New York Public Library.',
    );
    expect(queued(world, 'mentoring-group')).toHaveLength(groupMails);

    // Its 1-day reminder fires: group A's two members, nobody else.
    const fired = world.registry.schedules('metlib-2024').get('mentoring-2024-05.reminder-1d');
    expect(fired?.expression).toBe('at(2024-05-21T10:00:00)');
    const input = JSON.parse(fired?.input ?? '{}');
    world.clock.set('2024-05-21T14:00:00Z');
    await runTimelineEvent(world, input);
    const reminded = queued(world, 'reminder').filter((e) => e.email.subject.includes('mentoring'));
    expect(reminded.map((e) => e.nominationId).sort()).toEqual([a1.id, a2.id].sort());
    expect(reminded.map((e) => e.nominationId)).not.toContain(b1.id);
    expect(reminded.map((e) => e.nominationId)).not.toContain(alone.id);

    // Once held, its register is for group A's members, the group named as organizers named it.
    world.clock.set('2024-05-22T16:00:00Z');
    const session = (await readAttendance(world, 'metlib-2024', organizer)).events.find(
      (e) => e.id === 'mentoring-2024-05',
    );
    expect(session).toMatchObject({ group: 'a', groupName: 'Group A', held: true });
    expect(session?.expected.sort()).toEqual([a1.id, a2.id].sort());
  });

  it('moves a participant to another group: their old group’s session leaves their calendar, the new one’s arrives', async () => {
    const { world, people } = await cohort('2024-05-10T12:00:00Z');
    const [a1, a2, b1] = people;
    await arrange(world, [group('a', [a1, a2]), group('b', [b1])], 0);
    const timeline = mayMentoring(metlib2024.timeline, '2024-05-22T10:00', 'a');
    const withB: TimelineEvent[] = timeline.flatMap((e) =>
      e.id === 'mentoring-2024-05'
        ? [
            e,
            {
              ...e,
              id: 'mentoring-2024-05-b',
              when: { at: '2024-05-23T10:00', durationMinutes: 90 },
              group: 'b',
            },
          ]
        : [e],
    );
    await updateTimeline(world, 'metlib-2024', organizer, { timeline: withB, expectedVersion: 0 });
    const before = queued(world, 'mentoring-group').length;
    await arrange(world, [group('a', [a1]), group('b', [b1, a2])], 1);
    const moved = queued(world, 'mentoring-group').slice(before);
    // a2 moved; b1 sees a new fellow but nothing of theirs changed, so is not written to.
    expect(moved.map((e) => e.nominationId)).toEqual([a2.id]);
    const email = moved[0]?.email;
    expect(email?.subject).toBe('Your mentoring group in the MetLib Learning Circle 2024: Group B');
    expect(vevents(email?.attachments).map((v) => [v.method, v.uid, v.sequence])).toEqual([
      ['PUBLISH', 'mentoring-2024-05-b.metlib-2024@metlib-nominations', 3],
      ['CANCEL', 'mentoring-2024-05.metlib-2024@metlib-nominations', 3],
    ]);
    expect(email?.text).toContain('is no longer in your calendar');
  });

  it('refuses what would break the groups, naming the problem, and writes nothing', async () => {
    const { world, people, rejected } = await cohort('2024-05-10T12:00:00Z');
    const [a1, a2] = people;
    expect(
      await refusedArrangement(world, { groups: [group('a', [a1, rejected])], expectedVersion: 0 }),
    ).toEqual(
      new ValidationError('The mentoring groups are not valid', [
        { path: 'groups.0.members.1', message: `${rejected.id} is not a participant of the program` },
      ]),
    );
    const twice = await refusedArrangement(world, {
      groups: [group('a', [a1]), group('b', [a1])],
      expectedVersion: 0,
    });
    expect(twice.issues).toEqual([
      {
        path: 'groups.1.members.0',
        message: `${a1.id} is already in "a"; a participant is in one group at most`,
      },
    ]);
    const unnamed = await refusedArrangement(world, {
      groups: [{ ...group('a', [a1]), mentor: '  ' }],
      expectedVersion: 0,
    });
    expect(unnamed.issues?.map((i) => i.path)).toEqual(['groups.0.mentor']);
    expect(
      await refusedArrangement(world, { groups: [group('a', [a1])], expectedVersion: 0 }, reviewer),
    ).toBeInstanceOf(ForbiddenError);

    await arrange(world, [group('a', [a1, a2])], 0);
    expect(
      await refusedArrangement(world, { groups: [group('a', [a1])], expectedVersion: 0 }),
    ).toBeInstanceOf(VersionConflictError);
    await updateTimeline(world, 'metlib-2024', organizer, {
      timeline: mayMentoring(metlib2024.timeline, '2024-05-22T10:00', 'a'),
      expectedVersion: 0,
    });
    expect(await refusedArrangement(world, { groups: [], expectedVersion: 1 })).toEqual(
      new ConflictError(
        'These sessions are for a group the change removes: "mentoring-2024-05" (a); give them to another group in the timeline first',
      ),
    );
  });

  it('refuses a timeline giving a session an unknown group, or a meeting any group', async () => {
    const { world, people } = await cohort('2024-05-10T12:00:00Z');
    await arrange(world, [group('a', [people[0]])], 0);
    const timeline = mayMentoring(metlib2024.timeline, '2024-05-22T10:00', 'z').map((e) =>
      e.id === 'meeting-2024-06' ? { ...e, group: 'a' } : e,
    );
    const error = await updateTimeline(world, 'metlib-2024', organizer, {
      timeline,
      expectedVersion: 0,
    }).then(
      () => undefined,
      (e: unknown) => e as ValidationError,
    );
    expect(error?.issues).toEqual([
      { path: 'timeline.2.group', message: '"z" is not one of the program\'s mentoring groups: a' },
      {
        path: 'timeline.3.group',
        message: 'only a mentoring session is for a group; the other events are for everyone',
      },
    ]);
    expect((await world.programs.require('metlib-2024')).timelineVersion).toBe(0);
  });

  it('keeps who is in which group to staff: the public program has no groups', async () => {
    const { world, people } = await cohort('2024-05-10T12:00:00Z');
    await arrange(world, [group('a', [people[0]])], 0);
    const { program } = await world.programs.require('metlib-2024');
    expect(program.mentoringGroups).toHaveLength(1);
    expect(JSON.stringify(publicProgram(program))).not.toContain(people[0].id);
    expect((await readMentoringGroups(world, 'metlib-2024', reviewer)).groups[0]?.members).toHaveLength(1);
  });
});
