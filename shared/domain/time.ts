// The subpath: the package declares no sideEffects, so its index would bring TZDate along.
import { tzOffset } from '@date-fns/tz/tzOffset';

/**
 * Whole seconds since the epoch, as DynamoDB's TTL and a JWT's `iat` and `exp` count time: the
 * instant rounded down to its second.
 */
export const epochSeconds = (instant: Date | string | number): number =>
  Math.floor(new Date(instant).getTime() / 1000);

/** The instant `seconds` since the epoch (a TTL, a JWT's `exp`) stands for. */
export const fromEpochSeconds = (seconds: number): Date => new Date(seconds * 1000);

const wallTimeParts = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** The zone's offset from UTC at an instant, in milliseconds: NaN for a zone Intl does not know. */
const offsetMs = (timeZone: string, instant: number) => tzOffset(timeZone, new Date(instant)) * 60_000;

/**
 * The instant at which a wall-clock time ("2024-04-09T09:00") occurs in a zone; an invalid date
 * for a time or zone that is not one. @date-fns/tz gives the zone's offset (from Intl, on first
 * use, where date-fns-tz loaded ICU's zone data at import); the rule is date-fns-tz's, kept: a
 * time the clocks skip (02:30 as they go forward) takes the offset after the change, and a time
 * that happens twice its first occurrence.
 */
export const wallTimeToInstant = (wallTime: string, timeZone: string): Date => {
  const match = wallTimeParts.exec(wallTime);
  if (!match) return new Date(Number.NaN);
  const [, year, month, day, hour = '0', minute = '0', second = '0', ms = '0'] = match as string[];
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    +hour,
    +minute,
    +second,
    +ms.padEnd(3, '0'),
  );
  const guess = offsetMs(timeZone, local);
  const offset = offsetMs(timeZone, local - guess);
  if (offset === guess) return new Date(local - offset);
  const after = offsetMs(timeZone, local - offset);
  return new Date(local - (offset === after ? offset : Math.max(offset, after)));
};

/** The wall-clock time ("2024-04-09T09:00:00") in a zone at an instant: wallTimeToInstant's inverse. */
export const instantToWallTime = (instant: Date, timeZone: string): string =>
  new Date(instant.getTime() + offsetMs(timeZone, instant.getTime())).toISOString().slice(0, 19);

/** Calendar arithmetic on a day: "2024-02-28" plus 2 days is "2024-03-01", whatever the zone does. */
export const addDays = (day: string, days: number): string => {
  const shifted = new Date(`${day}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
};

/** The instant a day ("2025-03-31") ends in a zone: the next one's midnight there. */
export const dayEndsAt = (day: string, timeZone: string): Date =>
  wallTimeToInstant(`${addDays(day, 1)}T00:00`, timeZone);

/** The instant a month ("2024-05") ends in a zone: the next one's first midnight there. */
export const monthEndsAt = (month: string, timeZone: string): Date => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return wallTimeToInstant(`${next}-01T00:00`, timeZone);
};

// One formatter per zone, made on first use: making an Intl.DateTimeFormat costs far more than
// formatting with it, and every email and page with a date formats several.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const parts = (instant: Date, timeZone: string) => {
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    out[p.type] = p.value;
  }
  return out;
};

/** "New York" for America/New_York: how people name the zone. */
export const zoneCity = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/**
 * "Thursday 15 February 2024, 23:59 (New York time, UTC−5)": the zone's place and its offset on
 * that day, so nobody has to know whether daylight saving applies.
 */
export const formatInZone = (instant: Date, timeZone: string): string => {
  const p = parts(instant, timeZone);
  const offset = (p.timeZoneName ?? 'GMT').replace('GMT', 'UTC').replace('-', '−');
  const zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : `${zoneCity(timeZone)} time, ${offset}`;
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (${zone})`;
};

export const formatDateInZone = (instant: Date, timeZone: string): string => {
  const p = parts(instant, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
};

/** "Friday 31 May 2024" for a calendar date ("2024-05-31"), which is the same day everywhere. */
export const formatCalendarDate = (date: string): string =>
  formatDateInZone(wallTimeToInstant(`${date}T12:00`, 'UTC'), 'UTC');

const dayMonthYear = (date: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month: monthNames[month - 1] as string, day };
};
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days as people write them: "6–10 October 2024", "28 September – 2 October 2024". */
export const formatDateRange = (from: string, to: string): string => {
  const a = dayMonthYear(from);
  const b = dayMonthYear(to);
  if (from === to) return `${a.day} ${a.month} ${a.year}`;
  if (a.year === b.year && a.month === b.month) return `${a.day}–${b.day} ${b.month} ${b.year}`;
  if (a.year === b.year) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
};

/** A month as people write it: "May 2024" for "2024-05". */
export const formatMonth = (month: string): string => {
  const { year, month: name } = dayMonthYear(`${month}-01`);
  return `${name} ${year}`;
};
