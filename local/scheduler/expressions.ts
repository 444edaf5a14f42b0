import { wallTimeToInstant } from '#shared/domain/time';

/**
 * EventBridge Scheduler's schedule expressions: at() for one time, rate() for a fixed period,
 * cron() with its six fields. cron() is checked for shape and stored, never fired: this project
 * schedules one-time events and a rate() sweep.
 */
export type Expression =
  | {
      kind: 'at' /** `YYYY-MM-DDTHH:mm:ss` on the wall clock of the schedule's time zone */;
      wallTime: string;
    }
  | { kind: 'rate'; periodMs: number }
  | { kind: 'cron'; text: string };

const atPattern = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const ratePattern = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const cronPattern = /^cron\(([^\s)]+\s+){5}[^\s)]+\)$/;
const unitMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The expression, or undefined where AWS answers "Invalid Schedule Expression". */
export const parseExpression = (text: string): Expression | undefined => {
  const at = atPattern.exec(text);
  if (at) {
    const wallTime = at[1] as string;
    // A date that does not exist (30 February) comes back from Date as another one.
    const instant = new Date(`${wallTime}Z`);
    if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== wallTime) return undefined;
    return { kind: 'at', wallTime };
  }
  const rate = ratePattern.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    const singular = !unit.endsWith('s');
    if (value < 1 || (value === 1) !== singular) return undefined;
    return { kind: 'rate', periodMs: value * unitMs[unit.replace(/s$/, '') as keyof typeof unitMs] };
  }
  return cronPattern.test(text) ? { kind: 'cron', text } : undefined;
};

/**
 * The first instant (ms) a new or replaced schedule fires, or undefined if it never does.
 * AWS starts a rate() schedule at its StartDate, or as soon as it is created; a StartDate in the
 * past starts it at the first period boundary from then that is not past.
 */
export const firstFiring = (
  expression: Expression,
  options: { timeZone?: string; startMs?: number; nowMs: number },
): number | undefined => {
  if (expression.kind === 'at') {
    return wallTimeToInstant(expression.wallTime, options.timeZone ?? 'UTC').getTime();
  }
  if (expression.kind === 'rate') {
    const { nowMs } = options;
    const start = options.startMs ?? nowMs;
    const period = expression.periodMs;
    return start >= nowMs ? start : start + Math.ceil((nowMs - start) / period) * period;
  }
  return undefined;
};

/**
 * The next instant after a firing for `firedFor`: rate() fires next at the first occurrence after
 * now, so a clock that jumped ahead gets one firing, not the backlog; nothing after `endMs`.
 */
export const nextFiring = (
  expression: Expression,
  options: { firedFor: number; nowMs: number; endMs?: number },
): number | undefined => {
  if (expression.kind !== 'rate') return undefined;
  const { firedFor, nowMs, endMs } = options;
  const period = expression.periodMs;
  const next = firedFor + Math.max(1, Math.ceil((nowMs - firedFor + 1) / period)) * period;
  return endMs !== undefined && next > endMs ? undefined : next;
};
