import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { programs as definitions } from '#events/programs/index';
import { clockFromEnv as clock } from '#shared/config';
import * as z from '#shared/domain/zod';
import { logger } from '#shared/logger';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { scheduleRegistry } from '#shared/wiring/schedules';
import { programRepository } from '#shared/wiring/table';

const programs = programRepository({ cached: false });
const deps = { ...scheduleRegistry(), clock: clock() };

const requestSchema = z.looseObject({ programId: z.optional(z.string()) });

/**
 * Brings every program's schedules in line with its timeline (or one program's, given
 * `programId`). Runs on each deploy and when the local stack starts; safe to run any time.
 */
export const run = async (event: unknown) => {
  const { programId } = requestSchema.parse(event ?? {});
  const ids = programId ? [programId] : [...definitions.keys()];
  const reports = [];
  for (const id of ids) {
    const stored = await programs.get(id);
    if (!stored) throw new Error(`There is no program "${id}"`);
    const report = await syncSchedules(deps, stored.program);
    logger.info('schedules synced', { ...report });
    reports.push(report);
  }
  return { reports };
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
