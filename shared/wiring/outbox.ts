import { systemClock } from '../adapters/clock.ts';
import { clockFromEnv } from '../config.ts';
import type { SendOutboxEmailDeps } from '../use-cases/send-outbox-email.ts';
import { sesSender } from './mail.ts';
import { outbox } from './table.ts';

/**
 * What sending an outbox email needs, for the stream's mailer and the redrive sweep alike. The
 * lease outlasts the worst case from claim to mark: one SES attempt (2 s to connect, 5 s to
 * answer) and a mark that DynamoDB may take three attempts of 7 s to write.
 */
export const outboxSenderDeps = (): SendOutboxEmailDeps => ({
  outbox: outbox(),
  sender: sesSender(),
  clock: clockFromEnv(),
  leaseMs: 60_000,
  leaseClock: systemClock,
});
