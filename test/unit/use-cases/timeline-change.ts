import { expect } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import type { TimelineEvent } from '#shared/domain/program';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { updateTimeline } from '#shared/use-cases/update-timeline';
import { inMemoryWorld, organizer, type World } from '../../support/in-memory/world.ts';

// What the tests of a timeline's change share: the timeline edited, a deployed world, an update.

/** The timeline with one event changed (or removed, when `change` gives nothing back). */
export const edited = (
  id: string,
  change: (e: TimelineEvent) => TimelineEvent | undefined,
  timeline = metlib2024.timeline,
) =>
  timeline.flatMap((e) => (e.id === id ? [change(structuredClone(e))].filter((x) => x !== undefined) : [e]));

export const meetingAt = (at: string) => (e: TimelineEvent) => ({ ...e, when: { at, durationMinutes: 120 } });

/** A world whose schedules were synced at the start, as a deployment leaves them. */
export const deployed = async (now?: string) => {
  const world = inMemoryWorld(now ? { now } : {});
  const clock = world.clock.now().toISOString();
  world.clock.set('2024-02-01T14:00:00Z');
  await syncSchedules(world, metlib2024);
  world.clock.set(clock);
  world.registry.writes.length = 0;
  return world;
};

export const update = (world: World, body: unknown, actor = organizer) =>
  updateTimeline(world, 'metlib-2024', actor, body);

/** Runs an update that must be refused: nothing saved, no schedule touched. */
export const refusedUpdate = async (world: World, body: unknown, actor = organizer) => {
  const error = await update(world, body, actor).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((await world.programs.require('metlib-2024')).timelineVersion).toBe(0);
  expect(world.registry.writes).toEqual([]);
  return error as Error & { issues?: { path: string; message: string }[] };
};
