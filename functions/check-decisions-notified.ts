import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '#shared/logger';
import { metricNames } from '#shared/metric-names';
import { emitCount } from '#shared/metrics';
import { runScheduledEvent } from '#shared/run-scheduled-event';
import { checkDecisionsNotified } from '#shared/use-cases/check-decisions-notified';
import { requestDeps } from '#shared/wiring/table';

const { nominations, programs } = requestDeps();

/**
 * The target of the decisions-check schedule, an hour after decisions are due: counts the
 * decided nominations still not notified, as the metric the DecidedNotNotified alarm watches.
 */
export const run = runScheduledEvent('decisions check', async (input) => {
  const check = await checkDecisionsNotified({ nominations, programs }, input);
  emitCount(metricNames.decidedNotNotified, check.decidedNotNotified, { programId: input.programId });
  return check;
});

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
