import { createHash } from 'node:crypto';
import { correctionsPerDay, countingAddress } from '../domain/public-limits.ts';
import type { SubmissionCounter } from '../ports.ts';

/** How many submissions one nominator address and one source address may make; stage settings. */
export interface IntakeLimits {
  /**
   * How many emails the public's actions (a submission's confirmation link, a correction's
   * acknowledgement) may cause to one address a day, counted as `countingAddress` spells it.
   */
  perNominatorPerDay: number;
  perSourcePerHour: number;
}

// The counters are keyed by a hash: the limit needs to recognise an address, not to hold it.
const hashed = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The UTC day `now` is in, and when its counters may go: a day after it ends. */
const dayOf = (now: Date) => {
  const day = now.toISOString().slice(0, 10);
  return { day, expiresAt: new Date(new Date(`${day}T00:00:00.000Z`).getTime() + 2 * dayMs) };
};

/**
 * One counter for each address written to, once per mailbox however it is spelled: a day's
 * emails to `victim+1@` and `Victim+2@` count against one limit. The same keys for a submission's
 * nominator and a correction's recipients, so the limit is the address's whatever causes the mail.
 */
export const perAddressCounters = (
  limits: IntakeLimits,
  programId: string,
  addresses: readonly string[],
  now: Date,
  refusal: string,
): SubmissionCounter[] => {
  const { day, expiresAt } = dayOf(now);
  const mailboxes = [...new Set(addresses.map(countingAddress))];
  return mailboxes.map((mailbox) => ({
    key: `${programId}#address#${hashed(mailbox)}#${day}`,
    limit: limits.perNominatorPerDay,
    expiresAt,
    refusal,
  }));
};

/** Submissions from one source address in an hour (UTC). */
export const perSourceCounter = (
  limits: IntakeLimits,
  programId: string,
  sourceIp: string,
  now: Date,
): SubmissionCounter => {
  const hour = now.toISOString().slice(0, 13);
  return {
    key: `${programId}#source#${hashed(sourceIp)}#${hour}`,
    limit: limits.perSourcePerHour,
    expiresAt: new Date(new Date(`${hour}:00:00.000Z`).getTime() + hourMs + dayMs),
    refusal: `${limits.perSourcePerHour} nominations an hour have come from your network, the most an hour allows; please try again in an hour`,
  };
};

/** Corrections saved through one nomination's manage link in a day (UTC). */
export const perLinkCounter = (programId: string, nominationId: string, now: Date): SubmissionCounter => {
  const { day, expiresAt } = dayOf(now);
  return {
    key: `${programId}#corrections#${nominationId}#${day}`,
    limit: correctionsPerDay,
    expiresAt,
    refusal: `This nomination has been corrected ${correctionsPerDay} times today, the most a day allows; please try again tomorrow or write to the organizers`,
  };
};
