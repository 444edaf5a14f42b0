import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '#shared/logger';
import { runScheduledEvent } from '#shared/run-scheduled-event';
import { runTimelineEvent } from '#shared/use-cases/run-timeline-event';
import { evaluations, occasionDeps } from '#shared/wiring/table';

const deps = { ...occasionDeps(), evaluations: evaluations() };

/**
 * The target of the program schedules but the certificates'. A malformed input or a failure
 * throws: Lambda retries the run twice, then writes an invocation record holding the event (its
 * requestPayload) to the schedule dead-letter queue; locally the Scheduler emulator retries it
 * and keeps it as a dead letter. A retry queues nothing twice.
 */
export const run = runScheduledEvent('timeline event', (input) => runTimelineEvent(deps, input));

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
