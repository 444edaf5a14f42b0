import { z } from 'zod';
import { isIanaTimeZone, wallTimeToInstant } from './time.ts';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const instant = z.iso.datetime({ offset: true });
/** A wall-clock time that exists on the calendar: 2024-09-31T09:00 does not. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm (wall time)')
  .refine((v) => {
    const d = new Date(`${v}:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, 'not a date on the calendar');
const localDate = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const timeZone = z.string().refine(isIanaTimeZone, 'an IANA time zone such as Europe/Madrid');

/**
 * When a timeline event happens. Three shapes because the call itself has three: meetings (and
 * the evaluation and certificate mailings) at a wall-clock time, the conference as a range of
 * days, and items known only by their month (mentoring, "date to be set").
 */
export const eventWhenSchema = z.union([
  z.strictObject({
    at: localDateTime,
    durationMinutes: z
      .int()
      .min(15)
      .max(24 * 60)
      .optional(),
  }),
  z.strictObject({ from: localDate, to: localDate }),
  z.strictObject({ month }),
]);

export const timelineEventSchema = z.strictObject({
  id: slug.max(40),
  kind: z.enum(['meeting', 'mentoring', 'break', 'conference', 'evaluation', 'certificates']),
  // Titles and places go into email subjects and calendar files: one line, no control characters.
  title: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'one line without control characters'),
  when: eventWhenSchema,
  /** Defaults to the program's zone; the conference runs on Barcelona time. */
  timeZone: timeZone.optional(),
  location: z
    .string()
    .max(200)
    .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'one line without control characters')
    .optional(),
});

const labelled = z.strictObject({ slug, label: z.string().min(1).max(120) });

export const programSchema = z
  .strictObject({
    id: slug.max(40),
    name: z.string().min(1).max(120),
    organizer: z.string().min(1).max(200),
    timeZone,
    nominationWindow: z.strictObject({ opensAt: instant, closesAt: instant }),
    decisionsDueAt: instant,
    capacity: z.strictObject({ min: z.int().positive(), max: z.int().positive() }),
    travelStipends: z.strictObject({ min: z.int().nonnegative(), max: z.int().nonnegative() }),
    eligibility: z.strictObject({
      /** Cities must have MORE than this many inhabitants. */
      minCityPopulationExclusive: z.int().positive(),
      requirements: z.array(z.string().min(1)).min(1),
    }),
    themes: z.array(labelled).min(1),
    projectTypes: z.array(labelled).min(1),
    timeline: z.array(timelineEventSchema),
    /** How many days before each kind of event participants get a reminder. */
    reminderDaysBefore: z.strictObject({
      meeting: z.array(z.int().min(1).max(60)),
      mentoring: z.array(z.int().min(1).max(60)),
      conference: z.array(z.int().min(1).max(120)),
    }),
    /** Wall-clock time for reminders of events that have a date but no time (the conference). */
    reminderTimeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm'),
    /** The organizers hear how decisions stand this many days before decisions are due. */
    decisionReadinessDaysBefore: z.int().min(1).max(30),
    evaluationSurveyUrl: z.url({ protocol: /^https$/ }),
    /** The line under the participant's name on the certificate. */
    certificateSignatory: z.string().min(1).max(200),
  })
  .refine((p) => p.capacity.min <= p.capacity.max, {
    path: ['capacity'],
    message: 'min must not exceed max',
  })
  .refine((p) => Date.parse(p.nominationWindow.opensAt) < Date.parse(p.nominationWindow.closesAt), {
    path: ['nominationWindow'],
    message: 'opensAt must be before closesAt',
  })
  .refine((p) => Date.parse(p.nominationWindow.closesAt) <= Date.parse(p.decisionsDueAt), {
    path: ['decisionsDueAt'],
    message: 'decisions cannot be due before nominations close',
  })
  .superRefine((p, ctx) => {
    const result = timelineSchema.safeParse(p.timeline);
    for (const issue of result.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: ['timeline', ...issue.path], message: issue.message });
    }
  });

export type Program = z.infer<typeof programSchema>;
export type TimelineEventWhen = z.infer<typeof eventWhenSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export type WindowState = 'not-yet-open' | 'open' | 'closed';

export const nominationWindowState = (program: Program, now: Date): WindowState => {
  const t = now.getTime();
  if (t < Date.parse(program.nominationWindow.opensAt)) return 'not-yet-open';
  if (t > Date.parse(program.nominationWindow.closesAt)) return 'closed';
  return 'open';
};

/** The instant an event starts, for ordering and for "has it happened yet": month-only events start on the 1st. */
export const eventStart = (program: Program, event: TimelineEvent): Date => {
  const zone = event.timeZone ?? program.timeZone;
  if ('at' in event.when) return wallTimeToInstant(event.when.at, zone);
  if ('from' in event.when) return wallTimeToInstant(`${event.when.from}T00:00`, zone);
  return wallTimeToInstant(`${event.when.month}-01T00:00`, zone);
};

/** A timeline's own rules: unique ids, dates in order, ranges that end after they start. */
export const timelineSchema = z
  .array(timelineEventSchema)
  .max(100)
  .superRefine((timeline, ctx) => {
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
      const key =
        'at' in event.when ? event.when.at : 'from' in event.when ? event.when.from : event.when.month;
      if (key.slice(0, 7) < previous.slice(0, 7)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'when'],
          message: `"${event.id}" comes before the event listed above it; keep the timeline in date order`,
        });
      }
      previous = key;
    });
  });
