import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '#shared/domain/errors';
import type { TimelineEvent } from '#shared/domain/program';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { readTimeline, updateTimeline } from '#shared/use-cases/update-timeline';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  type World,
} from '../../support/in-memory/world.ts';

/** The timeline with one event changed (or removed, when `change` gives nothing back). */
const edited = (
  id: string,
  change: (e: TimelineEvent) => TimelineEvent | undefined,
  timeline = metlib2024.timeline,
) =>
  timeline.flatMap((e) => (e.id === id ? [change(structuredClone(e))].filter((x) => x !== undefined) : [e]));

const meetingAt = (at: string) => (e: TimelineEvent) => ({ ...e, when: { at, durationMinutes: 120 } });

/** A world whose schedules were synced at the start, as a deployment leaves them. */
const deployed = async (now?: string) => {
  const world = inMemoryWorld(now ? { now } : {});
  const clock = world.clock.now().toISOString();
  world.clock.set('2024-02-01T14:00:00Z');
  await syncSchedules(world, metlib2024);
  world.clock.set(clock);
  world.registry.writes.length = 0;
  return world;
};

const update = (world: World, body: unknown, actor = organizer) =>
  updateTimeline(world, 'metlib-2024', actor, body);

/** Runs an update that must be refused: nothing saved, no schedule touched. */
const refusedUpdate = async (world: World, body: unknown, actor = organizer) => {
  const error = await update(world, body, actor).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((await world.programs.require('metlib-2024')).timelineVersion).toBe(0);
  expect(world.registry.writes).toEqual([]);
  return error as Error & { issues?: { path: string; message: string }[] };
};

/** The VEVENT of a base64 .ics attachment, parsed by ical.js as a calendar program would. */
const parsedEvent = (content: string) => {
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(content, 'base64').toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('The invitation has no event');
  return vevent;
};

/** A participant and an applicant not selected, nominated in February; the clock then back at `now`. */
const cohortIn = async (world: World, now: string) => {
  world.clock.set('2024-02-01T14:00:00Z');
  const people = [
    await nominated(world, ['review', 'select', 'notify']),
    await nominated(world, ['review', 'reject', 'notify']),
  ];
  world.clock.set(now);
  return people;
};

/** A change refused at `expectedVersion`: the version stays and no email is queued. */
const refusedTimelineChange = async (world: World, timeline: TimelineEvent[], expectedVersion: number) => {
  const emails = world.outbox.all().length;
  const error = await update(world, { timeline, expectedVersion }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect((await world.programs.require('metlib-2024')).timelineVersion).toBe(expectedVersion);
  expect(world.outbox.all()).toHaveLength(emails);
  return error as Error;
};

describe('updateTimeline', () => {
  it('saves the change with an audit entry and brings the schedules in line', async () => {
    const world = await deployed();
    let timeline = edited('mentoring-2024-05', (e) => ({
      ...e,
      when: { at: '2024-05-21T10:00', durationMinutes: 90 },
    }));
    timeline = edited('meeting-2024-06', meetingAt('2024-06-18T09:00'), timeline);
    timeline = edited('meeting-2024-07', () => undefined, timeline);

    const result = await update(world, { timeline, expectedVersion: 0, note: '  Mentor confirmed  ' });

    expect(result.timelineVersion).toBe(1);
    expect(result.schedulesPending).toBeUndefined();
    expect(result.schedules).toMatchObject({
      created: ['mentoring-2024-05.reminder-7d', 'mentoring-2024-05.reminder-1d'],
      updated: ['meeting-2024-06.reminder-7d', 'meeting-2024-06.reminder-1d'],
      deleted: ['meeting-2024-07.reminder-7d', 'meeting-2024-07.reminder-1d'],
      skippedPast: [],
      waitingForDate: ['mentoring-2024-09', 'mentoring-2025-02'],
    });
    expect(world.registry.schedules('metlib-2024').get('meeting-2024-06.reminder-7d')?.expression).toBe(
      'at(2024-06-11T09:00:00)',
    );
    const stored = await world.programs.require('metlib-2024');
    expect(stored).toMatchObject({ timelineVersion: 1, program: { timeline } });
    expect(world.programs.timelineHistory('metlib-2024')).toEqual([
      { timeline, actor: 'organizer@example.org', at: '2024-02-01T14:00:00.000Z', note: 'Mentor confirmed' },
    ]);
  });

  it('is for organizers only, and 404 for an unknown program', async () => {
    const world = await deployed();
    const body = { timeline: metlib2024.timeline, expectedVersion: 0 };
    expect(await refusedUpdate(world, body, reviewer)).toEqual(
      new ForbiddenError('Only organizers may change the timeline'),
    );
    await expect(updateTimeline(world, 'nope', organizer, body)).rejects.toThrow(
      new NotFoundError('There is no program "nope"'),
    );
  });

  it.each([
    ['an unknown zone', edited('meeting-2024-09', (e) => ({ ...e, timeZone: 'Europe/Atlantis' })), 0],
    ['an impossible date', edited('meeting-2024-09', meetingAt('2024-09-31T09:00')), 0],
    ['events out of order', [...metlib2024.timeline].reverse(), 0],
    [
      'a title with a line break',
      edited('meeting-2024-09', (e) => ({ ...e, title: 'Meeting\rDTSTART:1970' })),
      0,
    ],
    ['a negative version', metlib2024.timeline, -1],
  ])('refuses %s with every issue named, saving nothing', async (_, timeline, expectedVersion) => {
    const world = await deployed();
    const error = await refusedUpdate(world, { timeline, expectedVersion });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('The timeline is not valid');
    expect(error.issues?.[0]?.path).toMatch(/^(timeline\.|expectedVersion)/);
  });

  it('refuses a stale version', async () => {
    const world = await deployed();
    await update(world, { timeline: metlib2024.timeline, expectedVersion: 0 });
    world.registry.writes.length = 0;
    await expect(update(world, { timeline: metlib2024.timeline, expectedVersion: 0 })).rejects.toThrow(
      new VersionConflictError('The timeline is at version 1, not 0; reload it and try again'),
    );
    expect((await world.programs.require('metlib-2024')).timelineVersion).toBe(1);
  });

  it.each([
    [
      'a new event',
      [
        { id: 'kick-off', kind: 'meeting', title: 'Kick-off', when: { at: '2024-01-30T09:00' } },
        ...metlib2024.timeline,
      ],
      0,
    ],
    ['a moved event', edited('meeting-2024-04', meetingAt('2024-01-30T09:00')), 0],
  ])('refuses %s dated in the past, naming it', async (_, timeline, index) => {
    const world = await deployed();
    const error = await refusedUpdate(world, { timeline, expectedVersion: 0 });
    expect(error).toEqual(
      new ValidationError('New or moved events must be in the future', [
        {
          path: `timeline.${index}.when`,
          message: `"${(timeline[index] as TimelineEvent).id}" would be in the past`,
        },
      ]),
    );
  });

  it('moves a meeting after its 7-day reminder: participants told once, with an entry that replaces theirs', async () => {
    // 2 April, 09:00:01 in New York: the April meeting's 7-day reminder has fired.
    const world = await deployed('2024-04-02T13:00:01Z');
    const [participant] = await cohortIn(world, '2024-04-02T13:00:01Z');
    const moved = edited('meeting-2024-04', meetingAt('2024-04-16T09:00'));
    const result = await update(world, { timeline: moved, expectedVersion: 0 });
    expect(result.timelineVersion).toBe(1);
    // The 1-day reminder follows the meeting; the 7-day one for the new date is already past.
    expect(world.registry.schedules('metlib-2024').get('meeting-2024-04.reminder-1d')?.expression).toBe(
      'at(2024-04-15T09:00:00)',
    );
    const told = queued(world, 'timeline-changed');
    expect(told.map((e) => e.nominationId)).toEqual([participant?.id]);
    const email = told[0]?.email;
    expect(email?.subject).toBe(
      'Changed: Monthly online meeting, Tuesday 16 April 2024, 09:00 (New York time, UTC−4)',
    );
    expect(email?.text).toContain(
      'Monthly online meeting is now on Tuesday 16 April 2024, 09:00 (New York time, UTC−4)',
    );
    const [invite] = email?.attachments ?? [];
    expect(invite?.contentType).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    const vevent = parsedEvent(invite?.content ?? '');
    expect(vevent.getFirstPropertyValue('uid')).toBe('meeting-2024-04.metlib-2024@metlib-nominations');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(new ICAL.Event(vevent).startDate.toJSDate().toISOString()).toBe('2024-04-16T13:00:00.000Z');

    // The same change delivered again is a stale version: nothing more is sent.
    await expect(update(world, { timeline: moved, expectedVersion: 0 })).rejects.toThrow(
      VersionConflictError,
    );
    expect(queued(world, 'timeline-changed')).toHaveLength(1);
  });

  it('cancels a meeting with a CANCEL entry of a higher sequence, and refuses to touch one that has begun', async () => {
    const world = await deployed('2024-05-10T12:00:00Z');
    await cohortIn(world, '2024-05-10T12:00:00Z');
    const first = await update(world, {
      timeline: edited('meeting-2024-06', meetingAt('2024-06-18T09:00')),
      expectedVersion: 0,
    });
    const cancelled = edited(
      'meeting-2024-06',
      () => undefined,
      (await world.programs.require('metlib-2024')).program.timeline,
    );
    await update(world, { timeline: cancelled, expectedVersion: first.timelineVersion });
    const [, cancellation] = queued(world, 'timeline-changed');
    expect(cancellation?.email.subject).toMatch(/^Cancelled: Monthly online meeting, Tuesday 18 June 2024/);
    const [invite] = cancellation?.email.attachments ?? [];
    expect(invite?.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const calendar = new ICAL.Component(
      ICAL.parse(Buffer.from(invite?.content ?? '', 'base64').toString('utf8')),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('sequence')).toBe(2);
    expect(world.registry.schedules('metlib-2024').has('meeting-2024-06.reminder-1d')).toBe(false);

    const begun = await refusedTimelineChange(
      world,
      edited('meeting-2024-04', meetingAt('2024-05-21T09:00'), cancelled),
      2,
    );
    expect(begun.message).toBe('"meeting-2024-04" has already begun; it can no longer be changed');
  });

  it('gives a session known by its month its date until the month ends, and not after', async () => {
    // Mentoring "in May", dated on 10 May for the 21st: its reminders follow, the 7-day one first.
    const world = await deployed('2024-05-10T12:00:00Z');
    const dated = edited('mentoring-2024-05', (e) => ({ ...e, when: { at: '2024-05-21T10:00' } }));
    expect(await update(world, { timeline: dated, expectedVersion: 0 })).toMatchObject({
      timelineVersion: 1,
      schedules: { created: ['mentoring-2024-05.reminder-7d', 'mentoring-2024-05.reminder-1d'] },
    });

    const late = await deployed('2024-06-01T12:00:00Z');
    expect((await refusedUpdate(late, { timeline: dated, expectedVersion: 0 })).message).toContain(
      '"mentoring-2024-05" has already begun',
    );
  });

  it('deletes a schedule whose moved time has passed, rather than let it fire late', async () => {
    const world = await deployed('2024-04-02T13:00:01Z');
    const early = edited('meeting-2024-05', meetingAt('2024-04-05T09:00'));
    const { schedules } = await update(world, { timeline: early, expectedVersion: 0 });
    expect(schedules?.deleted).toEqual(['meeting-2024-05.reminder-7d']);
    expect(schedules?.updated).toEqual(['meeting-2024-05.reminder-1d']);
    expect(world.registry.schedules('metlib-2024').has('meeting-2024-05.reminder-7d')).toBe(false);
  });

  it('saves the timeline and says the schedules are pending when the scheduler fails', async () => {
    const world = await deployed();
    world.registry.failWith(new Error('The scheduler is temporarily unavailable'));
    const timeline = edited('meeting-2024-06', meetingAt('2024-06-18T09:00'));
    const result = await update(world, { timeline, expectedVersion: 0 });
    expect(result).toEqual({
      timelineVersion: 1,
      timeline,
      schedulesPending:
        'The timeline is saved but the schedules could not be updated yet (The scheduler is temporarily unavailable); they follow at the next sync.',
    });
    expect((await world.programs.require('metlib-2024')).program.timeline).toEqual(timeline);
  });

  it('saves the timeline, brings in line what it can and says how many schedules are pending', async () => {
    const world = await deployed();
    const create = world.registry.create.bind(world.registry);
    world.registry.create = async (definition) => {
      if (definition.name === 'mentoring-2024-05.reminder-7d') throw new Error('Rate exceeded');
      await create(definition);
    };
    const timeline = edited('mentoring-2024-05', meetingAt('2024-05-21T10:00'));
    const result = await update(world, { timeline, expectedVersion: 0 });
    expect(result).toMatchObject({
      timelineVersion: 1,
      schedules: {
        created: ['mentoring-2024-05.reminder-1d'],
        pending: [{ name: 'mentoring-2024-05.reminder-7d', reason: 'Rate exceeded' }],
      },
      schedulesPending:
        "The timeline is saved but 1 of the program's schedules could not be updated yet (Rate exceeded); they follow at the next sync.",
    });
  });
});

describe('readTimeline', () => {
  it('names the events begun by the service’s clock; a session known by its month until its month ends', async () => {
    const world = inMemoryWorld({ now: '2024-05-20T12:00:00Z' });
    const read = await readTimeline(world, 'metlib-2024', organizer);
    expect(read).toMatchObject({
      programId: 'metlib-2024',
      timeZone: 'America/New_York',
      timelineVersion: 0,
    });
    expect(read.timeline).toEqual(metlib2024.timeline);
    expect(read.begun).toEqual(['meeting-2024-04', 'meeting-2024-05']);
    world.clock.set('2024-06-01T04:00:00Z');
    expect((await readTimeline(world, 'metlib-2024', organizer)).begun).toEqual([
      'meeting-2024-04',
      'meeting-2024-05',
      'mentoring-2024-05',
    ]);
    await expect(readTimeline(world, 'metlib-2024', reviewer)).rejects.toThrow(ForbiddenError);
  });
});
