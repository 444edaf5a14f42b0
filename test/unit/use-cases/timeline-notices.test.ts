import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { VersionConflictError } from '#shared/domain/errors';
import type { TimelineEvent } from '#shared/domain/program';
import { nominated, queued, type World } from '../../support/in-memory/world.ts';
import { deployed, edited, meetingAt, update } from './timeline-change.ts';

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

describe('updateTimeline tells participants', () => {
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
});
