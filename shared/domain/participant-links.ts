import type { Nomination } from './nomination.ts';
import { eventFirstDate, type Program } from './program.ts';

/**
 * A participant's private links, in their emails only (docs/participants.md): their page, and
 * their calendar feed. Each is signed like the nominator's and names one nomination. The feed's
 * also carries the nomination's feed generation: moving it on revokes every feed address given
 * before, without touching the page links in old emails.
 */
export const participantPath = (token: string) => `/participants/${token}`;
export const calendarPath = (token: string) => `/calendars/${token}`;

/** The generation a new feed address carries; 0 until the first is revoked. */
export const feedGeneration = (n: Nomination) => n.calendarFeed ?? 0;

/** The links hold until a year after the program's last event: through the year, and the certificate's. */
export const participantLinkExpiry = (program: Program) => {
  const last =
    program.timeline
      .map((e) => eventFirstDate(e.when))
      .sort()
      .at(-1) ?? program.decisionsDueAt;
  return new Date(Date.parse(`${last.slice(0, 10)}T00:00:00Z`) + 366 * 86_400_000);
};
