import {
  describeFailure,
  EmailClaimedElsewhereError,
  type SendOutboxEmailDeps,
  sendOutboxEmail,
} from './send-outbox-email.ts';

export interface RedriveOptions {
  /**
   * Only emails queued (or last failed) at least this long ago: younger ones are still the
   * stream trigger's to send, and its retries take a few minutes at most.
   */
  olderThanMs: number;
  /** At most this many emails per sweep; the next sweep takes the rest. */
  limit: number;
  /**
   * The time the sweep has left (the Lambda context's), and how much of it to leave unused: a
   * sweep stopped by its timeout between SES accepting an email and the mark would send it again.
   */
  timeLeftMs?: () => number;
  reserveMs?: number;
}

/**
 * The stream trigger retries a failing email five times over a few minutes, then gives up. An
 * email still unsent 14 minutes after it was queued or last failed is the sweep's: a minute
 * under the sweep's 15-minute period, so an email that failed during one sweep is due at the
 * next. The sweep stops with a minute to spare, more than one email can take from claim to mark.
 */
export const redriveOptions: RedriveOptions = { olderThanMs: 14 * 60_000, limit: 200, reserveMs: 60_000 };

export interface RedriveReport {
  /** Overdue emails the sweep took up (at most its limit). */
  found: number;
  sent: number;
  /** Sent by someone else between the listing and the claim. */
  alreadyHandled: number;
  /** Claimed by a live sender right now; left to it. */
  claimedElsewhere: number;
  /** Failed now and to be tried again by a later sweep. */
  failed: { ref: string; error: string }[];
  /** Given up for good (refused, or out of attempts): each raised its one alert to the organizers. */
  gaveUp: string[];
  /** Not sent: every recipient complained and the email is not essential. */
  suppressed: number;
  /** True when the sweep stopped (at its limit, or for time) with emails still waiting. */
  more: boolean;
}

/**
 * Sends the outbox emails the stream trigger gave up on (its retries ran out while SES was down,
 * or the records aged out of the stream). Each email goes through the same claim as the stream's
 * sender, so a sweep racing the trigger sends nothing twice. One failure does not stop the sweep.
 */
export const redriveOutbox = async (
  deps: SendOutboxEmailDeps,
  options: RedriveOptions,
): Promise<RedriveReport> => {
  const cutoff = new Date(deps.clock.now().getTime() - options.olderThanMs);
  const refs = await deps.outbox.listUnsent(cutoff, options.limit + 1);
  const batch = refs.slice(0, options.limit);
  const report: RedriveReport = {
    found: batch.length,
    sent: 0,
    alreadyHandled: 0,
    claimedElsewhere: 0,
    failed: [],
    gaveUp: [],
    suppressed: 0,
    more: refs.length > options.limit,
  };
  for (const [index, ref] of batch.entries()) {
    if (options.timeLeftMs && options.timeLeftMs() < (options.reserveMs ?? 0)) {
      report.found = index;
      report.more = true;
      break;
    }
    try {
      const outcome = await sendOutboxEmail(deps, ref);
      if (outcome === 'sent') report.sent += 1;
      else if (outcome === 'failed') report.gaveUp.push(ref);
      else if (outcome === 'suppressed') report.suppressed += 1;
      else report.alreadyHandled += 1;
    } catch (error) {
      if (error instanceof EmailClaimedElsewhereError) report.claimedElsewhere += 1;
      else report.failed.push({ ref, error: describeFailure(error) });
    }
  }
  return report;
};
