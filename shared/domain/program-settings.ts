import { isDeepStrictEqual } from 'node:util';
import type { Program } from './program.ts';
import { evaluationSchema, programSchema } from './program-schema.ts';
import { formatCalendarDate, formatInZone, instantToWallTime, wallTimeToInstant } from './time.ts';
import * as z from './zod.ts';

/**
 * What organizers change of a program besides its timeline (docs/program-data.md): stored,
 * versioned and audited; the definition in events/programs only seeds it.
 */
export const settingKeys = [
  'nominationWindow',
  'decisionsDueAt',
  'lateDecisionsBy',
  'reserveUntil',
  'capacity',
  'travelStipends',
  'contactEmail',
  'certificateRule',
  'evaluation',
] as const;

export type ProgramSettings = Pick<Program, (typeof settingKeys)[number]>;

export const settingsOf = (program: Program): ProgramSettings =>
  Object.fromEntries(settingKeys.map((key) => [key, program[key]])) as ProgramSettings;

/** A wall time as organizers type it, in the program's zone: "2024-02-15T23:59". */
const wallTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const instantMessage = 'a date and time, as 2024-02-15T23:59 (the program’s time zone) or with an offset';

/**
 * An instant given as an ISO date-time with an offset, or as a wall time in the program's zone
 * (what the console's date and time fields give), stored as UTC.
 */
const instantIn = (timeZone: string, { endOfMinute = false } = {}) =>
  z.pipe(
    z
      .string({ error: instantMessage })
      .check(
        z.refine(
          (v) =>
            (wallTime.test(v) && !Number.isNaN(new Date(`${v}:00Z`).getTime())) ||
            z.iso.datetime({ offset: true }).safeParse(v).success,
          { error: instantMessage },
        ),
      ),
    // A closing time typed as "23:59" means until that minute ends, as the program file's 23:59:59.
    z.transform((v) =>
      (wallTime.test(v)
        ? wallTimeToInstant(endOfMinute ? `${v}:59` : v, timeZone)
        : new Date(v)
      ).toISOString(),
    ),
  );

const whole = (what: string) =>
  z
    .int({ error: `${what} must be a whole number` })
    .check(z.nonnegative({ error: `${what} must not be negative` }));

/** The body of `PUT /programs/{id}/settings`: any of the settings, the version read, a note. */
export const settingsChangeSchema = (program: Program) =>
  z
    .strictObject({
      nominationWindow: z.optional(
        z.strictObject({
          opensAt: instantIn(program.timeZone),
          closesAt: instantIn(program.timeZone, { endOfMinute: true }),
        }),
      ),
      decisionsDueAt: z.optional(instantIn(program.timeZone)),
      lateDecisionsBy: z.optional(z.iso.date({ error: 'a date, as 2024-03-01' })),
      reserveUntil: z.optional(z.iso.date({ error: 'a date, as 2024-05-31' })),
      capacity: z.optional(
        z.strictObject({
          min: whole('capacity.min').check(z.positive()),
          max: whole('capacity.max').check(z.positive()),
        }),
      ),
      travelStipends: z.optional(
        z.strictObject({ min: whole('travelStipends.min'), max: whole('travelStipends.max') }),
      ),
      contactEmail: z.optional(z.email({ error: 'contactEmail must be an email address' })),
      evaluation: z.optional(evaluationSchema),
      certificateRule: z.optional(
        z.strictObject({ meetingsAttended: whole('certificateRule.meetingsAttended') }),
      ),
      expectedVersion: z
        .int({ error: 'expectedVersion is the settingsVersion you read (0 for the original)' })
        .check(z.nonnegative()),
      note: z.optional(
        z.string().check(z.trim(), z.maxLength(2000, { error: 'note must be 2000 characters or fewer' })),
      ),
    })
    .check(
      z.refine((c) => settingKeys.some((key) => c[key] !== undefined), {
        error: `Give at least one of: ${settingKeys.join(', ')}`,
      }),
    );

/** The program with the changes, checked by the program's own rules (400 naming each problem). */
export const withSettings = (program: Program, changes: Partial<ProgramSettings>) => {
  const next: Program = { ...program, ...changes };
  return { next, problems: programSchema.safeParse(next).error?.issues ?? [] };
};

/** What has happened in the program, which a change must not contradict. */
export interface ProgramFacts {
  now: Date;
  /** The first and last submission received, if any. */
  firstSubmittedAt?: string;
  lastSubmittedAt?: string;
  placesTaken: number;
  stipendsAwarded: number;
}

const local = (program: Program, instant: string) => formatInZone(new Date(instant), program.timeZone);
/** Compared by value: the store need not keep an object's keys in the order they were written. */
const changed = <K extends keyof ProgramSettings>(a: Program, b: Program, key: K) =>
  !isDeepStrictEqual(a[key], b[key]);
const wallDate = (program: Program, instant: string) =>
  instantToWallTime(new Date(instant), program.timeZone).slice(0, 10);

/**
 * Why a change would break what already happened, or undefined if it would not: submissions
 * received outside the new window, a decision day that has passed (or a new one in the past),
 * dates applicants were told on decision day, fewer places or stipends than are taken.
 */
export const settingsRefusal = (before: Program, after: Program, facts: ProgramFacts): string | undefined => {
  const now = facts.now.getTime();
  const past = (instant: string) => Date.parse(instant) <= now;
  const decided = past(before.decisionsDueAt);
  const { opensAt, closesAt } = after.nominationWindow;
  if (facts.firstSubmittedAt && Date.parse(opensAt) > Date.parse(facts.firstSubmittedAt)) {
    return `Nominations were received from ${local(after, facts.firstSubmittedAt)}; the window cannot open after that`;
  }
  if (facts.lastSubmittedAt && Date.parse(closesAt) < Date.parse(facts.lastSubmittedAt)) {
    return `A nomination was received at ${local(after, facts.lastSubmittedAt)}; the window cannot close before that`;
  }
  if (changed(before, after, 'nominationWindow')) {
    if (past(before.nominationWindow.closesAt) && decided) {
      return 'Decisions have been made on the nominations received; the nomination window can no longer change';
    }
    if (Date.parse(closesAt) !== Date.parse(before.nominationWindow.closesAt) && past(closesAt)) {
      return 'The nomination window cannot be made to close in the past';
    }
  }
  if (changed(before, after, 'decisionsDueAt')) {
    if (decided)
      return `Decisions were due on ${local(before, before.decisionsDueAt)} and have been sent; that date can no longer change`;
    if (past(after.decisionsDueAt)) return 'Decisions cannot be made due in the past';
  }
  if (changed(before, after, 'lateDecisionsBy') && decided) {
    return `Applicants still undecided were told on decision day that they would hear by ${formatCalendarDate(before.lateDecisionsBy)}; that date can no longer change`;
  }
  if (changed(before, after, 'reserveUntil')) {
    const today = wallDate(before, facts.now.toISOString());
    if (before.reserveUntil < today) return 'The reserve list has closed; its date can no longer change';
    if (after.reserveUntil < today) return 'The reserve list cannot close in the past';
    if (decided && after.reserveUntil < before.reserveUntil) {
      return `Reserves were told that a place may open until ${formatCalendarDate(before.reserveUntil)}; the date may move later, not earlier`;
    }
  }
  if (changed(before, after, 'evaluation')) {
    const opened = before.timeline.find((e) => e.kind === 'evaluation');
    const openedAt =
      opened && 'at' in opened.when ? wallTimeToInstant(opened.when.at, before.timeZone) : undefined;
    if (openedAt && openedAt.getTime() <= now) {
      if (!isDeepStrictEqual(before.evaluation.questions, after.evaluation.questions))
        return 'The evaluation has opened and participants may have answered; its questions can no longer change';
      const today = wallDate(before, facts.now.toISOString());
      if (before.evaluation.closesOn < today)
        return 'The evaluation has closed; its closing day can no longer change';
      if (after.evaluation.closesOn < today) return 'The evaluation cannot be made to close in the past';
    }
  }
  if (changed(before, after, 'certificateRule')) {
    const issued = before.timeline.find((e) => e.kind === 'certificates');
    if (
      issued &&
      'at' in issued.when &&
      past(wallTimeToInstant(issued.when.at, before.timeZone).toISOString())
    ) {
      return 'The certificates have been issued under the rule as it was; it can no longer change';
    }
  }
  if (after.capacity.max < facts.placesTaken) {
    return `${facts.placesTaken} places are taken; the program cannot have fewer than that`;
  }
  if (after.travelStipends.max < facts.stipendsAwarded) {
    return `${facts.stipendsAwarded} travel stipends are awarded; the program cannot offer fewer than that`;
  }
  return undefined;
};
