import type { SendOutboxEmailDeps } from '#shared/use-cases/send-outbox-email';

/**
 * The mailer's policy for tests that are about something else (leases, redrive, outages): the
 * production cap, one organizer to alert, and no address that complained.
 */
export const mailPolicy: Pick<SendOutboxEmailDeps, 'maxAttempts' | 'organizers' | 'complaints'> = {
  maxAttempts: 16,
  organizers: ['organizers@metlib.example.org'],
  complaints: { complainedOf: async () => [] },
};
