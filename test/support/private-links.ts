import type { SentEmail } from './test-stack.ts';

/** A participant's private link in an email: their page (and what is behind it) or their calendar feed. */
const participantLink = /\/(participants|calendars)\/[\w.-]+/;

/**
 * Every sent email that carries a participant's private link, with whom it went to: each must go
 * to one person, the participant, with nobody in copy.
 */
export const participantLinkCarriers = (emails: readonly SentEmail[]) =>
  emails
    .filter((e) => participantLink.test(`${e.body.text ?? ''}${e.body.html ?? ''}`))
    .map((e) => ({ subject: e.subject, to: e.destination.to, cc: e.destination.cc }));
