import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { scheduledEventSchema } from '#events/contracts';
import { certificateFontDir } from '#shared/config';
import { logger } from '#shared/logger';
import { issueCertificates } from '#shared/use-cases/issue-certificates';
import { occasionDeps } from '#shared/wiring/table';

const deps = { ...occasionDeps(), fontDir: certificateFontDir() };

/**
 * The target of the certificates schedule. A failure throws: Lambda retries the run twice, then
 * writes an invocation record holding the event (its requestPayload) to the schedule
 * dead-letter queue. A retry queues nothing twice.
 */
export const run = async (event: unknown) => {
  const input = scheduledEventSchema.parse(event);
  const outcome = await issueCertificates(deps, input);
  logger.info('certificates', { schedule: input.schedule, scheduledAt: input.scheduledAt, ...outcome });
  return outcome;
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
