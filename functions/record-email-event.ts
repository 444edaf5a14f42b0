import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { mailEventSchema, toDeliveryEvent } from '#events/mail-events';
import { logger } from '#shared/logger';
import { recordEmailEvent } from '#shared/use-cases/record-email-event';
import { deliveries, nominationStore } from '#shared/wiring/table';

const deps = { deliveries: deliveries(), nominations: nominationStore() };

/**
 * The configuration set's bounce, complaint, delivery and reject events, as the EventBridge rule
 * delivers them. A malformed event or a failure throws: EventBridge retries, then parks the event
 * in the rule's dead-letter queue. Recording is idempotent by the event's id.
 */
export const run = async (event: unknown) => {
  const parsed = mailEventSchema.parse(event);
  const delivery = toDeliveryEvent(parsed);
  if (!delivery) {
    logger.info('mail event not about an outbox email', { type: parsed['detail-type'] });
    return { outcome: 'ignored' as const };
  }
  const outcome = await recordEmailEvent(deps, delivery);
  // No addresses in the log: the item holds them.
  logger.info('mail event', { type: delivery.type, outcome, recipients: delivery.recipients.length });
  return { outcome };
};

export const handler = middy(run).use(injectLambdaContext(logger, { resetKeys: true }));
