import { systemClock } from '../adapters/clock.ts';
import { clockFromEnv, organizerEmails } from '../config.ts';
import type { SendOutboxEmailDeps } from '../use-cases/send-outbox-email.ts';
import { sesSender } from './mail.ts';
import { deliveries, outbox } from './table.ts';

/**
 * What sending an outbox email needs, for the stream's mailer and the redrive sweep alike. The
 * lease outlasts the worst case from claim to mark: one SES attempt (2 s to connect, 5 s to
 * answer) and a mark that DynamoDB may take three attempts of 7 s to write.
 *
 * 16 attempts before an email is given up: the stream trigger's six come within minutes, and the
 * sweep's ten more, one each 15 minutes, carry an email through about two and a half hours of
 * SES trouble. A refusal for good is given up at the first.
 */
export const maxSendAttempts = 16;

export const outboxSenderDeps = (): SendOutboxEmailDeps => ({
  outbox: outbox(),
  sender: sesSender(),
  clock: clockFromEnv(),
  leaseMs: 60_000,
  leaseClock: systemClock,
  maxAttempts: maxSendAttempts,
  organizers: organizerEmails(),
  complaints: deliveries(),
});
