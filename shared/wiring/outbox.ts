import { systemClock } from '../adapters/clock.ts';
import { clockFromEnv } from '../config.ts';
import type { SendOutboxEmailDeps } from '../use-cases/send-outbox-email.ts';
import { sesSender } from './mail.ts';
import { dynamoDbStore } from './table.ts';

/**
 * What sending an outbox email needs, for the stream's mailer and the redrive sweep alike. The
 * lease outlasts one send (5 s timeout, one attempt) with a wide margin and lapses within a retry
 * or two.
 */
export const outboxSenderDeps = (): SendOutboxEmailDeps => ({
  outbox: dynamoDbStore(),
  sender: sesSender(),
  clock: clockFromEnv(),
  leaseMs: 20_000,
  leaseClock: systemClock,
});
