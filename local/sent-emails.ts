import { createRequire } from 'node:module';

/** An email as the SES emulator (aws-ses-v2-local) keeps it. */
export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[] };
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string }[];
  /** When it arrived, in seconds since the epoch. */
  at: number;
}

const require = createRequire(import.meta.url);
const emulatorStore = () =>
  require('aws-ses-v2-local/dist/store.js') as {
    getStoreReadonly(): { emails: SentEmail[] };
    clearStore(): void;
  };

/**
 * The emails of the SES emulator running in this process, read from its store as they are: its
 * `/store` JSON would serialize every email and attachment of the run at each read.
 */
export const emailsInThisProcess = (): SentEmail[] => [...emulatorStore().getStoreReadonly().emails];

/** Empties the store of the SES emulator running in this process. */
export const clearEmailsInThisProcess = () => emulatorStore().clearStore();

/** The emails of an SES emulator elsewhere, over its `/store` JSON. */
export const emailsAt = async (sesEndpoint: string): Promise<SentEmail[]> =>
  ((await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: SentEmail[] }).emails;

/** Whether the email is addressed (to or cc) to `address`, as a person's inbox would show it. */
export const addressedTo = (email: SentEmail, address: string) =>
  [...email.destination.to, ...email.destination.cc].some((a) =>
    a.toLowerCase().includes(address.toLowerCase()),
  );

/** The private links our emails carry, by what they open. */
const linkPatterns = {
  /** The nominator's link to confirm a nomination. */
  confirm: /\/nominations\/confirm\/[\w.-]+/,
  /** The nominator's link to see and correct it. */
  manage: /\/nominations\/manage\/[\w.-]+/,
  /** A participant's own page. */
  participant: /\/participants\/[\w.-]+/,
  /** A participant's evaluation. */
  evaluation: /\/participants\/[\w.-]+\/evaluation/,
} as const;

export type LinkKind = keyof typeof linkPatterns;

/** The path of the first link of that kind in an email's text, if it has one. */
export const linkIn = (text: string | undefined, kind: LinkKind): string | undefined =>
  text?.match(linkPatterns[kind])?.[0];

/** The path of the newest link of that kind among these emails (oldest first, as stored). */
export const newestLink = (emails: readonly SentEmail[], kind: LinkKind): string | undefined =>
  emails
    .map((email) => linkIn(email.body.text, kind))
    .filter((link): link is string => link !== undefined)
    .at(-1);

/**
 * The newest confirmation link mailed to each nominator, by nominator address (lower case), as a
 * nominator would read their inbox.
 */
export const confirmationLinks = (emails: readonly SentEmail[]): Map<string, string> => {
  const links = new Map<string, string>();
  for (const email of emails) {
    if (!email.subject.startsWith('Please confirm')) continue;
    const path = linkIn(email.body.text, 'confirm');
    const to = email.destination.to[0]?.toLowerCase();
    if (path && to) links.set(to, path);
  }
  return links;
};
