import type { Clock } from '#shared/ports';
import type { Schedule, SchedulerApi } from './api.ts';
import { nextFiring } from './expressions.ts';

export interface DeadLetter {
  schedule: string;
  group: string;
  deadLetterArn?: string;
  input?: string;
  error: string;
  attempts: number;
  at: string;
}

export interface Invocation {
  schedule: string;
  group: string;
  scheduledFor: string;
  attempts: number;
  ok: boolean;
}

export interface FiringOptions {
  clock: Clock;
  /** Invokes a Lambda target; throws when the function fails. */
  invoke: (functionArn: string, payload: unknown) => Promise<void>;
  /** The first wait before a retry, doubled on each attempt up to 2 s. */
  retryBaseMs?: number;
}

/** AWS's defaults when a target sets no retry policy. */
const defaultRetries = 185;
const defaultMaxEventAgeSeconds = 86_400;

/**
 * Fires the due schedules on the clock: invokes the target with its Input, retries by the
 * target's retry policy, sets the event aside as a dead letter when that runs out, and deletes a
 * schedule whose last firing is done when it asks for that. Event age for the retry policy counts
 * from the first attempt, so a clock that jumps ahead does not turn on-time schedules into
 * expired ones.
 */
export class FiringEngine {
  private readonly invocationLog: Invocation[] = [];
  private readonly deadLetterLog: DeadLetter[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private finishedWaiters: (() => void)[] = [];

  constructor(
    private readonly api: SchedulerApi,
    private readonly options: FiringOptions,
  ) {}

  invocations(): readonly Invocation[] {
    return [...this.invocationLog];
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.deadLetterLog];
  }

  /**
   * The earliest instant any enabled schedule fires next, for a caller that moves the clock;
   * `oneTimeOnly` leaves out rate() schedules, which a clock jump fires once on the way.
   */
  nextDue(options: { oneTimeOnly?: boolean } = {}): Date | undefined {
    let earliest: number | undefined;
    for (const { expression, next } of this.api.allEntries()) {
      if (options.oneTimeOnly && expression.kind === 'rate') continue;
      if (next !== undefined && (earliest === undefined || next < earliest)) earliest = next;
    }
    return earliest === undefined ? undefined : new Date(earliest);
  }

  /** Forgets the firings and dead letters so far; only once nothing is being invoked. */
  clearLogs() {
    if (this.inFlight > 0) throw new Error('The scheduler is still invoking; wait for finished() first');
    this.invocationLog.length = 0;
    this.deadLetterLog.length = 0;
  }

  /** Resolves when no firing is being invoked or retried, whatever is due. */
  finished(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.finishedWaiters.push(resolve));
  }

  /** Resolves when nothing is due and nothing is being invoked or retried. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether nothing is due and nothing is being invoked or retried, right now. */
  isIdle() {
    const now = this.options.clock.now().getTime();
    return this.inFlight === 0 && !this.api.allEntries().some((e) => e.next !== undefined && e.next <= now);
  }

  /** Fires what is due now on the clock. */
  tick() {
    const now = this.options.clock.now().getTime();
    for (const entry of this.api.allEntries()) {
      if (entry.next === undefined || entry.next > now) continue;
      const scheduledFor = entry.next;
      const { EndDate } = entry.schedule;
      entry.next = nextFiring(entry.expression, {
        firedFor: scheduledFor,
        nowMs: now,
        ...(EndDate ? { endMs: EndDate * 1000 } : {}),
      });
      this.inFlight++;
      void this.deliver(entry.schedule, scheduledFor).finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) for (const resolve of this.finishedWaiters.splice(0)) resolve();
        if (entry.next === undefined && entry.schedule.ActionAfterCompletion === 'DELETE') {
          this.api.removeEntry(entry);
        }
      });
    }
    if (this.idleWaiters.length && this.isIdle()) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async deliver(schedule: Schedule, scheduledFor: number) {
    const { clock } = this.options;
    const { Target: target } = schedule;
    const retries = target.RetryPolicy?.MaximumRetryAttempts ?? defaultRetries;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? defaultMaxEventAgeSeconds) * 1000;
    const firstAttempt = clock.now().getTime();
    const record = (attempts: number, ok: boolean) =>
      this.invocationLog.push({
        schedule: schedule.Name,
        group: schedule.GroupName,
        scheduledFor: new Date(scheduledFor).toISOString(),
        attempts,
        ok,
      });
    let lastError = '';
    for (let attempt = 0; ; attempt++) {
      try {
        // Lambda refuses a payload that is not JSON: that is a failed invocation, retried, then a dead letter.
        const payload = target.Input === undefined ? {} : JSON.parse(target.Input);
        await this.options.invoke(target.Arn, payload);
        record(attempt + 1, true);
        return;
      } catch (error) {
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      const age = clock.now().getTime() - firstAttempt;
      if (attempt >= retries || age >= maxAgeMs) {
        record(attempt + 1, false);
        this.deadLetterLog.push({
          schedule: schedule.Name,
          group: schedule.GroupName,
          ...(target.DeadLetterConfig?.Arn ? { deadLetterArn: target.DeadLetterConfig.Arn } : {}),
          ...(target.Input !== undefined ? { input: target.Input } : {}),
          error: lastError,
          attempts: attempt + 1,
          at: clock.now().toISOString(),
        });
        return;
      }
      // Real time, not the clock's: a clock stopped at one instant (speed 0) would never end the wait.
      const backoffMs = Math.min((this.options.retryBaseMs ?? 100) * 2 ** attempt, 2000);
      await new Promise((r) => setTimeout(r, backoffMs));
    }
  }
}
