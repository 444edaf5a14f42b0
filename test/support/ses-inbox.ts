import { type RunningSesEmulator, startSesEmulator } from '../../local/emulators.ts';
import type { SentEmail } from '../../local/sent-emails.ts';

let running: Promise<RunningSesEmulator> | undefined;

/**
 * The SES emulator of this test process, for a test that sends through the adapters without a
 * stack of its own; it lives as long as the process.
 */
export const processSes = () => {
  running ??= startSesEmulator({ port: 0 });
  return running;
};

/** What the SES emulator of this process holds for one recipient, without waiting for any outbox. */
export const sesInbox = async (address: string): Promise<SentEmail[]> =>
  (await processSes()).emails().filter((e) => e.destination.to.includes(address));
