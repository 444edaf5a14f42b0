import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { clockFromEnv } from '#shared/config';
import * as z from '#shared/domain/zod';
import { logger } from '#shared/logger';
import { metricNames } from '#shared/metric-names';
import { emitCount } from '#shared/metrics';
import { plannedAhead, type SyncReport, syncSchedules } from '#shared/use-cases/sync-schedules';
import { freshPrograms } from '#shared/wiring/programs';
import { scheduleRegistry } from '#shared/wiring/schedules';

const programs = freshPrograms();
const deps = { ...scheduleRegistry(), clock: clockFromEnv() };

const requestSchema = z.looseObject({ programId: z.optional(z.string()) });

/**
 * Brings every program's schedules in line with its timeline (or one program's, given
 * `programId`). Runs on each deploy, every hour and when the local stack starts; safe to run any
 * time. It does not fail for what the Scheduler refused: it counts every schedule it could not
 * bring in line (all of a program's future ones when its group could not even be read) as the
 * SchedulesPending metric, which raises the alarm, and the next hourly run tries them again.
 */
export const run = async (event: unknown) => {
  const { programId } = requestSchema.parse(event ?? {});
  const stored = programId ? [await programs.require(programId)] : await programs.all();
  const reports: SyncReport[] = [];
  const failed: { programId: string; pending: number; reason: string }[] = [];
  for (const { program } of stored) {
    try {
      const report = await syncSchedules(deps, program);
      logger.info('schedules synced', { ...report });
      reports.push(report);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const pending = plannedAhead(program, deps.clock.now()).length;
      logger.error('schedules not synced', { programId: program.id, pending, error });
      failed.push({ programId: program.id, pending, reason });
    }
  }
  const pending =
    reports.reduce((n, r) => n + r.pending.length, 0) + failed.reduce((n, f) => n + f.pending, 0);
  emitCount(metricNames.schedulesPending, pending);
  return { reports, failed, pending };
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
