import { inject } from 'vitest';
import type { SentEmail } from './test-stack.ts';

/** What the shared SES emulator holds for one recipient, without waiting for any outbox. */
export const sesInbox = async (address: string): Promise<SentEmail[]> => {
  const store = (await (await fetch(`${inject('sesEndpoint')}/store`)).json()) as { emails: SentEmail[] };
  return store.emails.filter((e) => e.destination.to.includes(address));
};
