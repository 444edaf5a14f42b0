import type { Nomination } from './nomination.ts';
import { eventFirstDate, type Program } from './program.ts';

/**
 * A participant's private links, in emails to the participant alone (docs/participants.md): their
 * page, and their calendar feed. Each is signed like the nominator's, names one nomination and
 * carries a generation of it. The page link's generation is the nomination's `participantLinks`:
 * moving it on (the participant asking for a new link) revokes every page link mailed before, and
 * with it the evaluation, certificate and leaving behind it. The feed's is `calendarFeed`: moving
 * it on revokes every feed address given before, without touching the page links in old emails.
 */
export const participantPath = (token: string) => `/participants/${token}`;
export const calendarPath = (token: string) => `/calendars/${token}`;

/** The generation a new feed address carries; 0 until the first is revoked. */
export const feedGeneration = (n: Nomination) => n.calendarFeed ?? 0;

/** The generation a new page link carries; 0 (as links made before generations) until the first renewal. */
export const participantGeneration = (n: Nomination) => n.participantLinks ?? 0;

/**
 * New links a nomination's participant may ask for in a UTC day. Each one mails their address,
 * and whoever holds one of their older links can ask: a few a day is plenty for a person, and
 * caps what a stranger holding an old link can make us send or revoke.
 */
export const linkRenewalsPerDay = 3;

/**
 * What a renewal at `at` writes on the nomination: the next page generation, the next feed
 * generation too (the old page showed the feed's address), and the day's count. Undefined once
 * the day's renewals are used up.
 */
export const renewedLinks = (
  n: Nomination,
  at: Date,
): Pick<Nomination, 'participantLinks' | 'calendarFeed' | 'linkRenewals'> | undefined => {
  const day = at.toISOString().slice(0, 10);
  const today = n.linkRenewals?.day === day ? n.linkRenewals.count : 0;
  if (today >= linkRenewalsPerDay) return undefined;
  return {
    participantLinks: participantGeneration(n) + 1,
    calendarFeed: feedGeneration(n) + 1,
    linkRenewals: { day, count: today + 1 },
  };
};

/** The links hold until a year after the program's last event: through the year, and the certificate's. */
export const participantLinkExpiry = (program: Program) => {
  const last =
    program.timeline
      .map((e) => eventFirstDate(e.when))
      .sort()
      .at(-1) ?? program.decisionsDueAt;
  return new Date(Date.parse(`${last.slice(0, 10)}T00:00:00Z`) + 366 * 86_400_000);
};
