/**
 * The rules a program definition and an organizer's timeline must keep. Apart from program.ts so
 * that code which only reads a program (the form page, say) does not build these at cold start.
 */

import { mentoringGroupsSchema, unknownGroups } from './mentoring-groups.ts';
import { lines, oneLine } from './plain-text.ts';
import { eventFirstDate, type Program } from './program.ts';
import { isIanaTimeZone } from './time-zones.ts';
import * as z from './zod.ts';

const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'));
const instant = z.iso.datetime({ offset: true });
/** A wall-clock time that exists on the calendar: 2024-09-31T09:00 does not. */
const localDateTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm (wall time)'),
  z.refine((v) => {
    const d = new Date(`${v}:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'not a date on the calendar'),
);
const localDate = z.iso.date();
const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'));
const timeZone = z.string().check(z.refine(isIanaTimeZone, 'an IANA time zone such as Europe/Madrid'));
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/**
 * When a timeline event happens. Three shapes because the call itself has three: meetings (and
 * the evaluation and certificate mailings) at a wall-clock time, the conference as a range of
 * days, and items known only by their month (mentoring, "date to be set").
 */
export const eventWhenSchema = z.union([
  z.strictObject({ at: localDateTime, durationMinutes: z.optional(whole(15, 24 * 60)) }),
  z.strictObject({ from: localDate, to: localDate }),
  z.strictObject({ month }),
]);

export const timelineEventSchema = z.strictObject({
  id: slug.check(z.maxLength(40)),
  kind: z.enum(['meeting', 'mentoring', 'break', 'conference', 'evaluation', 'certificates']),
  title: text(1, 120).check(oneLine),
  when: eventWhenSchema,
  /** Defaults to the program's zone; the conference runs on Barcelona time. */
  timeZone: z.optional(timeZone),
  location: z.optional(text(0, 200).check(oneLine)),
  /** For a meeting: one of the program's themes (checked against the program), who leads it, its agenda and readings. */
  theme: z.optional(slug),
  facilitator: z.optional(text(1, 200).check(oneLine)),
  agenda: z.optional(text(1, 4000).check(...lines)),
  readings: z.optional(
    z
      .array(
        z.strictObject({
          title: text(1, 200).check(oneLine),
          url: z.url({ protocol: /^https$/, error: 'a reading is an https link' }),
        }),
      )
      .check(z.maxLength(20)),
  ),
  /**
   * Where participants join: private, in their emails, invitations and own page only, never in
   * the public program (stripped by `publicTimeline`).
   */
  joinUrl: z.optional(z.url({ protocol: /^https$/, error: 'the join link must be an https link' })),
  /** For a mentoring session: the one mentoring group it is for (mentoring-groups.ts); everyone's otherwise. */
  group: z.optional(slug),
});

const labelled = z.strictObject({ slug, label: text(1, 120).check(oneLine) });

export const evaluationQuestionSchema = z.strictObject({
  id: slug.check(z.maxLength(40)),
  /** A rating from 1 to 5, a free text, or "would you recommend the program to a colleague?" (yes or no). */
  kind: z.enum(['rating', 'text', 'recommend']),
  text: z
    .string()
    .check(
      z.minLength(1, { error: 'write the question' }),
      z.maxLength(300, { error: 'the question must be 300 characters or fewer' }),
      oneLine,
    ),
  /** Ratings and the recommendation must be answered unless this says otherwise; texts need not be. */
  required: z.optional(z.boolean()),
});

export const evaluationSchema = z
  .strictObject({
    closesOn: localDate,
    questions: z.array(evaluationQuestionSchema).check(z.minLength(1), z.maxLength(30)),
  })
  .check(
    z.superRefine((evaluation, ctx) => {
      const seen = new Set<string>();
      evaluation.questions.forEach((q, index) => {
        if (seen.has(q.id))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', index, 'id'],
            message: `"${q.id}" is used twice`,
          });
        seen.add(q.id);
      });
      if (evaluation.questions.filter((q) => q.kind === 'recommend').length > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['questions'],
          message: 'ask for a recommendation once at most',
        });
    }),
  );
const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));

export const programSchema = z
  .strictObject({
    id: slug.check(z.maxLength(40)),
    // The name is in every email's subject and the calendar's name.
    name: text(1, 120).check(oneLine),
    organizer: text(1, 200).check(oneLine),
    timeZone,
    nominationWindow: z.strictObject({ opensAt: instant, closesAt: instant }),
    decisionsDueAt: instant,
    /**
     * Applicants still undecided when decisions are due are told they are still being considered
     * and will hear by the end of this day (docs/cohort.md).
     */
    lateDecisionsBy: localDate,
    /**
     * The reserve list holds until the end of this day: a place that opens until then is offered
     * to a reserve; the day after, everyone still on the list is told it has closed.
     */
    reserveUntil: localDate,
    capacity: z.strictObject({ min: z.int().check(z.positive()), max: z.int().check(z.positive()) }),
    travelStipends: z.strictObject({
      min: z.int().check(z.nonnegative()),
      max: z.int().check(z.nonnegative()),
    }),
    eligibility: z.strictObject({
      /** Cities must have MORE than this many inhabitants. */
      minCityPopulationExclusive: z.int().check(z.positive()),
      requirements: nonEmpty(z.string().check(z.minLength(1))),
    }),
    themes: nonEmpty(labelled),
    projectTypes: nonEmpty(labelled),
    timeline: z.array(timelineEventSchema),
    /**
     * The small mentoring groups, with their members' nominations: stored by organizers once the
     * cohort is known (mentoring-groups.ts), never in a program file.
     */
    mentoringGroups: z.optional(mentoringGroupsSchema),
    /** How many days before each kind of event participants get a reminder. */
    reminderDaysBefore: z.strictObject({
      meeting: z.array(whole(1, 60)),
      mentoring: z.array(whole(1, 60)),
      conference: z.array(whole(1, 120)),
    }),
    /** Wall-clock time for reminders of events that have a date but no time (the conference). */
    reminderTimeOfDay: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm')),
    /** The organizers hear how decisions stand this many days before decisions are due. */
    decisionReadinessDaysBefore: whole(1, 30),
    /** Whom applicants and participants write to: shown on the form and the Reply-To of every email. */
    contactEmail: z.email(),
    /**
     * The hosted evaluation (docs/participants-year.md): its questions, answered on each
     * participant's own page from the evaluation event on, until the end of `closesOn`.
     */
    evaluation: evaluationSchema,
    /** The line under the participant's name on the certificate. */
    certificateSignatory: text(1, 200).check(oneLine),
    /**
     * Who gets the certificate: those present at this many of the monthly meetings held. The
     * others get their attendance record instead (docs/participants-year.md).
     */
    certificateRule: z.strictObject({ meetingsAttended: whole(0, 100) }),
    /**
     * Who answers questions about personal data, and how long it is kept: months after the
     * decision (not selected, withdrawn) and after the certificates (participants). Unset periods
     * are the defaults in retention.ts.
     */
    personalData: z.strictObject({
      contactEmail: z.email(),
      monthsAfterDecision: z.optional(whole(1, 120)),
      monthsAfterCertificates: z.optional(whole(1, 120)),
    }),
  })
  .check(
    z.refine((p) => p.capacity.min <= p.capacity.max, {
      path: ['capacity'],
      message: 'the minimum must not be more than the maximum',
    }),
    z.refine((p) => Date.parse(p.nominationWindow.opensAt) < Date.parse(p.nominationWindow.closesAt), {
      path: ['nominationWindow'],
      message: 'nominations must open before they close',
    }),
    z.refine((p) => Date.parse(p.nominationWindow.closesAt) <= Date.parse(p.decisionsDueAt), {
      path: ['decisionsDueAt'],
      message: 'decisions cannot be due before nominations close',
    }),
    z.refine((p) => p.lateDecisionsBy >= p.decisionsDueAt.slice(0, 10), {
      path: ['lateDecisionsBy'],
      message: 'late decisions cannot be promised before decisions are due',
    }),
    z.refine((p) => p.reserveUntil >= p.decisionsDueAt.slice(0, 10), {
      path: ['reserveUntil'],
      message: 'the reserve list cannot close before decisions are due',
    }),
    z.refine(
      (p) => p.certificateRule.meetingsAttended <= p.timeline.filter((e) => e.kind === 'meeting').length,
      {
        path: ['certificateRule', 'meetingsAttended'],
        message: 'more meetings than the timeline has',
      },
    ),
    z.refine(
      (p) => {
        const opens = p.timeline.find((e) => e.kind === 'evaluation');
        return !opens || eventFirstDate(opens.when).slice(0, 10) <= p.evaluation.closesOn;
      },
      { path: ['evaluation', 'closesOn'], message: 'the evaluation cannot close before it opens' },
    ),
    z.refine((p) => p.travelStipends.min <= p.travelStipends.max, {
      path: ['travelStipends'],
      message: 'the minimum must not be more than the maximum',
    }),
    z.superRefine((p, ctx) => {
      for (const issue of unknownThemes(p.timeline, p.themes)) ctx.addIssue({ code: 'custom', ...issue });
      for (const issue of unknownGroups(p.timeline, p.mentoringGroups ?? []))
        ctx.addIssue({ code: 'custom', ...issue });
    }),
    z.superRefine((p, ctx) => {
      const result = timelineSchema.safeParse(p.timeline);
      for (const issue of result.error?.issues ?? []) {
        ctx.addIssue({ code: 'custom', path: ['timeline', ...issue.path], message: issue.message });
      }
    }),
  );

/** Events naming a theme the program does not have, as issues of the program's `timeline`. */
export const unknownThemes = (
  timeline: readonly { id: string; theme?: string | undefined }[],
  themes: readonly { slug: string }[],
) =>
  timeline.flatMap((event, index) =>
    event.theme && !themes.some((t) => t.slug === event.theme)
      ? [
          {
            path: ['timeline', index, 'theme'],
            message: `"${event.theme}" is not one of the program's themes: ${themes.map((t) => t.slug).join(', ')}`,
          },
        ]
      : [],
  );

/** A timeline's own rules: unique ids, dates in order, ranges that end after they start. */
export const timelineSchema = z.array(timelineEventSchema).check(
  z.maxLength(100),
  z.superRefine((timeline, ctx) => {
    const seen = new Set<string>();
    let previous = '';
    timeline.forEach((event, index) => {
      if (seen.has(event.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${event.id}" is used twice` });
      seen.add(event.id);
      if ('from' in event.when && event.when.to < event.when.from) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'when', 'to'],
          message: 'the last day is before the first',
        });
      }
      const key = eventFirstDate(event.when);
      if (key.slice(0, 7) < previous.slice(0, 7)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'when'],
          message: `"${event.id}" comes before the event listed above it; keep the timeline in date order`,
        });
      }
      previous = key;
    });
  }),
);

/**
 * Throws a sentence per problem when a program definition breaks the schema's rules. Programs
 * are code: they are checked when the CDK app is synthesized, when the local stack starts and by
 * the unit tests, rather than again at every cold start.
 */
export const checkProgram = (program: Program): Program => {
  const result = programSchema.safeParse(program);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(program)'}: ${i.message}`);
    throw new Error(`Program "${program.id}" is not valid:\n  ${problems.join('\n  ')}`);
  }
  return program;
};
