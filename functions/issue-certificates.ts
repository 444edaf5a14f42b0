import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { certificateFontDir } from '#shared/config';
import { logger } from '#shared/logger';
import { runScheduledEvent } from '#shared/run-scheduled-event';
import { issueCertificates } from '#shared/use-cases/issue-certificates';
import { occasionDeps } from '#shared/wiring/table';

const deps = { ...occasionDeps(), fontDir: certificateFontDir() };

/**
 * The target of the certificates schedule. A failure throws: Lambda retries the run twice, then
 * writes an invocation record holding the event (its requestPayload) to the schedule
 * dead-letter queue. A retry queues nothing twice.
 */
export const run = runScheduledEvent('certificates', (input) => issueCertificates(deps, input));

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
