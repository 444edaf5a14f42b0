import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { clockFromEnv } from '#shared/config';
import * as z from '#shared/domain/zod';
import { logger } from '#shared/logger';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { freshPrograms } from '#shared/wiring/programs';
import { scheduleRegistry } from '#shared/wiring/schedules';

const programs = freshPrograms();
const deps = { ...scheduleRegistry(), clock: clockFromEnv() };

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
