import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#shared/logger';
import { redriveOptions, redriveOutbox } from '#shared/use-cases/redrive-outbox';
import { outboxSenderDeps } from '#shared/wiring/outbox';

const deps = outboxSenderDeps();

/**
 * Runs every 15 minutes on a schedule. Fails when an email could not be sent and will be tried
 * again, so the function's error alarm tells the operator while SES is in trouble; the emails stay
 * queued for the next sweep. An email given up (refused for good, or out of attempts) is not a
 * failure of the sweep: it left the queue, and its one alert went to the organizers.
 */
export const run = async (_event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const report = await redriveOutbox(deps, {
    ...redriveOptions,
    timeLeftMs: () => context.getRemainingTimeInMillis(),
  });
  logger.info('outbox redrive', { ...report });
  if (report.failed.length > 0) {
    logger.error('outbox emails still failing', { failed: report.failed });
    throw new Error(`${report.failed.length} of ${report.found} overdue outbox emails could not be sent`);
  }
  return report;
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
