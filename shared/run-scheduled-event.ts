import { type ScheduledEvent, scheduledEventSchema } from '#events/contracts';
import { logger } from './logger.ts';

/**
 * The body of a function a program schedule invokes: the schedule's Input checked against the
 * contract (a malformed one throws, and so goes to the schedule's dead-letter queue), the use case
 * run, its outcome logged and returned.
 */
export const runScheduledEvent =
  <Outcome extends object>(label: string, useCase: (input: ScheduledEvent) => Promise<Outcome>) =>
  async (event: unknown): Promise<Outcome> => {
    const input = scheduledEventSchema.parse(event);
    const outcome = await useCase(input);
    logger.info(label, { schedule: input.schedule, scheduledAt: input.scheduledAt, ...outcome });
    return outcome;
  };
