import type { ScheduledKind } from '#events/contracts';
import type { Program } from '../domain/program.ts';
import { planSchedules } from '../domain/schedule-plan.ts';
import type { Clock, ScheduleDefinition, ScheduleRegistry, ScheduleTarget } from '../ports.ts';

export interface SyncSchedulesDeps {
  registry: ScheduleRegistry;
  clock: Clock;
  /** How every schedule retries and where it parks what fails; the function comes from `functionFor`. */
  target: Omit<ScheduleTarget, 'functionArn'>;
  /** The function each kind of schedule invokes. */
  functionFor: Record<ScheduledKind, string>;
  /** Put before the program id to name its schedule group, so stages sharing an account do not meet. */
  groupPrefix?: string;
}

export interface SyncReport {
  group: string;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
  /** Planned, but their time has passed: not created. */
  skippedPast: string[];
  /** Events without a date yet: nothing to schedule until organizers set one. */
  waitingForDate: string[];
  /**
   * Schedules it could not bring in line (the Scheduler refused or failed the call), with why:
   * the others were still done, and the next sync tries these again.
   */
  pending: { name: string; reason: string }[];
}

/** The future schedules a program's plan holds: what a sync that could not even start leaves pending. */
export const plannedAhead = (program: Program, now: Date) =>
  planSchedules(program)
    .schedules.filter((s) => s.instant.getTime() > now.getTime())
    .map((s) => s.name);

const same = (a: ScheduleDefinition, b: ScheduleDefinition) =>
  a.expression === b.expression &&
  a.timeZone === b.timeZone &&
  a.input === b.input &&
  a.target.functionArn === b.target.functionArn &&
  a.target.roleArn === b.target.roleArn &&
  a.target.deadLetterArn === b.target.deadLetterArn &&
  a.target.maximumRetryAttempts === b.target.maximumRetryAttempts &&
  a.target.maximumEventAgeSeconds === b.target.maximumEventAgeSeconds;

/**
 * Makes the program's schedule group hold exactly the schedules its timeline calls for.
 * 1. Plan the schedules from the timeline (deterministic names).
 * 2. List what exists in the group.
 * 3. Create what is missing, update what differs (a full replace), delete what the timeline no
 *    longer has. A planned time already past is skipped and reported, never created: it would
 *    fire at once, late. A schedule the Scheduler fails is reported pending and the rest go on.
 * Running it twice changes nothing the second time: a run that finds everything in line lists
 * the group and reads each schedule, and writes nothing. If the group cannot be read, it throws.
 */
export const syncSchedules = async (deps: SyncSchedulesDeps, program: Program): Promise<SyncReport> => {
  const plan = planSchedules(program);
  const group = `${deps.groupPrefix ?? ''}${plan.group}`;
  const report: SyncReport = {
    group,
    created: [],
    updated: [],
    deleted: [],
    unchanged: [],
    skippedPast: [],
    waitingForDate: plan.waitingForDate,
    pending: [],
  };
  const attempt = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.pending.push({ name, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  await deps.registry.ensureGroup(group);
  const existing = new Set(await deps.registry.names(group));
  const now = deps.clock.now().getTime();
  const planned = new Set<string>();
  for (const schedule of plan.schedules) {
    planned.add(schedule.name);
    const desired: ScheduleDefinition = {
      group,
      name: schedule.name,
      expression: `at(${schedule.wallTime})`,
      timeZone: schedule.timeZone,
      input: JSON.stringify(schedule.input),
      target: { ...deps.target, functionArn: deps.functionFor[schedule.kind] },
    };
    if (schedule.instant.getTime() <= now) {
      report.skippedPast.push(schedule.name);
      // A schedule of this name still waiting for its old time would fire a stale occasion.
      if (existing.has(schedule.name)) {
        await attempt(schedule.name, async () => {
          const current = await deps.registry.get(group, schedule.name);
          if (current && !same(current, desired)) {
            await deps.registry.delete(group, schedule.name);
            report.deleted.push(schedule.name);
          }
        });
      }
      continue;
    }
    await attempt(schedule.name, async () => {
      if (!existing.has(schedule.name)) {
        await deps.registry.create(desired);
        report.created.push(schedule.name);
        return;
      }
      const current = await deps.registry.get(group, schedule.name);
      if (current && same(current, desired)) {
        report.unchanged.push(schedule.name);
      } else {
        await deps.registry.update(desired);
        report.updated.push(schedule.name);
      }
    });
  }
  for (const name of existing) {
    if (!planned.has(name)) {
      await attempt(name, async () => {
        await deps.registry.delete(group, name);
        report.deleted.push(name);
      });
    }
  }
  return report;
};
