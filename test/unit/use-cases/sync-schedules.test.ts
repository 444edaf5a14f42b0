import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import type { Program } from '#shared/domain/program';
import type { ScheduleDefinition } from '#shared/ports';
import { plannedAhead, syncSchedules } from '#shared/use-cases/sync-schedules';
import { InMemoryScheduleRegistry } from '../../support/in-memory/schedules.ts';
import { inMemoryWorld } from '../../support/in-memory/world.ts';

/** A Scheduler that refuses to create the named schedules while `refusing` holds them. */
class RefusingRegistry extends InMemoryScheduleRegistry {
  readonly refusing = new Set<string>();
  override async create(definition: ScheduleDefinition) {
    if (this.refusing.has(definition.name)) throw new Error(`Rate exceeded for ${definition.name}`);
    await super.create(definition);
  }
}

const without = (id: string): Program => ({
  ...metlib2024,
  timeline: metlib2024.timeline.filter((e) => e.id !== id),
});

describe('syncSchedules', () => {
  it('creates every planned schedule in the program group: decision days, reminders, evaluation, certificates', async () => {
    const world = inMemoryWorld();
    const report = await syncSchedules(world, metlib2024);
    expect(report).toMatchObject({
      group: 'metlib-2024',
      updated: [],
      deleted: [],
      unchanged: [],
      skippedPast: [],
      waitingForDate: ['mentoring-2024-05', 'mentoring-2024-09', 'mentoring-2025-02'],
      pending: [],
    });
    expect(report.created).toHaveLength(29);
    const schedules = world.registry.schedules('metlib-2024');
    expect(schedules.get('decisions-due')).toEqual({
      group: 'metlib-2024',
      name: 'decisions-due',
      expression: 'at(2024-02-19T09:00:00)',
      timeZone: 'America/New_York',
      input: JSON.stringify({
        programId: 'metlib-2024',
        schedule: 'decisions-due',
        kind: 'decisions-due',
        scheduledAt: '2024-02-19T14:00:00.000Z',
      }),
      target: { ...world.target, functionArn: world.functionFor['decisions-due'] },
    });
    expect(schedules.get('certificates-2025.certificates')?.target.functionArn).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:IssueCertificates',
    );
    expect(schedules.get('conference-2024.reminder-30d')).toMatchObject({
      expression: 'at(2024-09-06T09:00:00)',
      timeZone: 'Europe/Madrid',
    });
  });

  it('changes nothing the second time', async () => {
    const world = inMemoryWorld();
    await syncSchedules(world, metlib2024);
    world.registry.writes.length = 0;
    const again = await syncSchedules(world, metlib2024);
    expect(again.unchanged).toHaveLength(29);
    expect([...again.created, ...again.updated, ...again.deleted]).toEqual([]);
    expect(world.registry.writes).toEqual([]);
  });

  it('updates what differs, including how the target retries', async () => {
    const world = inMemoryWorld();
    await syncSchedules(world, metlib2024);
    world.target.maximumRetryAttempts = 5;
    const report = await syncSchedules(world, metlib2024);
    expect(report.updated).toHaveLength(29);
    expect(world.registry.schedules('metlib-2024').get('decisions-due')?.target.maximumRetryAttempts).toBe(5);
  });

  it('deletes the schedules of an event the timeline no longer has, and any it never planned', async () => {
    const world = inMemoryWorld();
    await syncSchedules(world, metlib2024);
    const decisionsDue = world.registry.schedules('metlib-2024').get('decisions-due');
    if (!decisionsDue) throw new Error('decisions-due was not created');
    await world.registry.create({ ...decisionsDue, name: 'stray' });
    const report = await syncSchedules(world, without('meeting-2024-07'));
    expect(report.deleted.sort()).toEqual([
      'meeting-2024-07.reminder-1d',
      'meeting-2024-07.reminder-7d',
      'stray',
    ]);
    expect(world.registry.schedules('metlib-2024').size).toBe(27);
  });

  it('skips planned times already past, and leaves a past schedule that is still right alone', async () => {
    const world = inMemoryWorld({ now: '2024-02-18T12:00:00Z' });
    const late = await syncSchedules(world, metlib2024);
    expect(late.skippedPast).toEqual(['decision-readiness']);
    expect(late.created).toHaveLength(28);
    expect(world.registry.schedules('metlib-2024').has('decision-readiness')).toBe(false);

    const synced = inMemoryWorld();
    await syncSchedules(synced, metlib2024);
    synced.clock.set('2024-02-18T12:00:00Z');
    synced.registry.writes.length = 0;
    expect((await syncSchedules(synced, metlib2024)).skippedPast).toEqual(['decision-readiness']);
    expect(synced.registry.writes).toEqual([]);
  });

  it('puts the prefix before the group name', async () => {
    const world = { ...inMemoryWorld(), groupPrefix: 'staging-' };
    expect((await syncSchedules(world, metlib2024)).group).toBe('staging-metlib-2024');
    expect(world.registry.schedules('staging-metlib-2024').size).toBe(29);
  });

  it('goes on past a schedule the Scheduler refuses, reports it pending, and the next run repairs it', async () => {
    const registry = new RefusingRegistry();
    const world = { ...inMemoryWorld(), registry };
    registry.refusing.add('decisions-due');
    registry.refusing.add('evaluation-2025.evaluation');
    const first = await syncSchedules(world, metlib2024);
    expect(first.pending).toEqual([
      { name: 'decisions-due', reason: 'Rate exceeded for decisions-due' },
      { name: 'evaluation-2025.evaluation', reason: 'Rate exceeded for evaluation-2025.evaluation' },
    ]);
    expect(first.created).toHaveLength(27);
    expect(registry.schedules('metlib-2024').has('decisions-due')).toBe(false);

    registry.refusing.clear();
    const second = await syncSchedules(world, metlib2024);
    expect(second).toMatchObject({ pending: [], created: ['decisions-due', 'evaluation-2025.evaluation'] });
    expect(second.unchanged).toHaveLength(27);
    expect(registry.schedules('metlib-2024').size).toBe(29);
  });

  it('throws when the group cannot be read: every future schedule of the program is then pending', async () => {
    const world = inMemoryWorld({ now: '2024-02-18T12:00:00Z' });
    world.registry.failWith(new Error('The scheduler is temporarily unavailable'));
    await expect(syncSchedules(world, metlib2024)).rejects.toThrow('temporarily unavailable');
    const ahead = plannedAhead(metlib2024, world.clock.now());
    expect(ahead).toHaveLength(28);
    expect(ahead).not.toContain('decision-readiness');
  });

  it('is cheap to run every hour: a run that finds everything in line only lists and reads', async () => {
    const world = inMemoryWorld();
    await syncSchedules(world, metlib2024);
    for (let hour = 0; hour < 3; hour++) {
      world.registry.writes.length = 0;
      const report = await syncSchedules(world, metlib2024);
      expect([...report.created, ...report.updated, ...report.deleted, ...report.pending]).toEqual([]);
      expect(world.registry.writes).toEqual([]);
    }
  });
});
