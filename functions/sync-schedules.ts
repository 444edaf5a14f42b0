import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '#shared/domain/zod';
import { logger } from '#shared/logger';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { scheduleRegistry } from '#shared/wiring/schedules';
import { programAdminDeps } from '#shared/wiring/table';

const { programs, clock } = programAdminDeps();
const deps = { ...scheduleRegistry(), clock };

const requestSchema = z.looseObject({ programId: z.optional(z.string()) });

/**
 * Brings every program's schedules in line with its timeline (or one program's, given
 * `programId`). Runs on each deploy and when the local stack starts; safe to run any time.
 */
export const run = async (event: unknown) => {
  const { programId } = requestSchema.parse(event ?? {});
  const stored = programId ? [await programs.require(programId)] : await programs.all();
  const reports = [];
  for (const { program } of stored) {
    const report = await syncSchedules(deps, program);
    logger.info('schedules synced', { ...report });
    reports.push(report);
  }
  return { reports };
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
