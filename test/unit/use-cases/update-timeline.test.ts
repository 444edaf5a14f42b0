import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { ForbiddenError, NotFoundError, ValidationError, VersionConflictError } from '#shared/domain/errors';
import type { TimelineEvent } from '#shared/domain/program';
import { readTimeline, updateTimeline } from '#shared/use-cases/update-timeline';
import { inMemoryWorld, organizer, reviewer } from '../../support/in-memory/world.ts';
import { deployed, edited, meetingAt, refusedUpdate, update } from './timeline-change.ts';

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
    [
      'an agenda with a carriage return alone',
      edited('meeting-2024-09', (e) => ({ ...e, agenda: 'Welcome\rATTENDEE:mailto:a@elsewhere.example' })),
      0,
    ],
    [
      'an agenda with a control character',
      edited('meeting-2024-09', (e) => ({ ...e, agenda: 'Bell\u0007' })),
      0,
    ],
    ['an agenda with DEL', edited('meeting-2024-09', (e) => ({ ...e, agenda: 'Gone\u007f' })), 0],
    ['a location with a line feed', edited('meeting-2024-09', (e) => ({ ...e, location: 'Room 1\nX' })), 0],
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
