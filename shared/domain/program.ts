import { z } from 'zod';
import { isIanaTimeZone } from './time.ts';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const instant = z.iso.datetime({ offset: true });
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm (wall time)');
const localDate = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const timeZone = z.string().refine(isIanaTimeZone, 'an IANA time zone such as Europe/Madrid');

/**
 * When a timeline event happens. Three shapes because the seed itself has three: meetings with a
 * wall-clock time, the conference as a range of days, and items known only by their month
 * (mentoring "date to be set", evaluation, certificates).
 */
export const eventWhenSchema = z.union([
  z.strictObject({
    at: localDateTime,
    durationMinutes: z
      .int()
      .min(15)
      .max(24 * 60),
  }),
  z.strictObject({ from: localDate, to: localDate }),
  z.strictObject({ month }),
]);

export const timelineEventSchema = z.strictObject({
  id: slug.max(40),
  kind: z.enum(['meeting', 'mentoring', 'break', 'conference', 'evaluation', 'certificates']),
  title: z.string().min(1).max(120),
  when: eventWhenSchema,
  /** Defaults to the program's zone; the conference runs on Barcelona time. */
  timeZone: timeZone.optional(),
  location: z.string().max(200).optional(),
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
  .refine((p) => new Set(p.timeline.map((e) => e.id)).size === p.timeline.length, {
    path: ['timeline'],
    message: 'timeline event ids must be unique',
  });

export type Program = z.infer<typeof programSchema>;
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export type WindowState = 'not-yet-open' | 'open' | 'closed';

export const nominationWindowState = (program: Program, now: Date): WindowState => {
  const t = now.getTime();
  if (t < Date.parse(program.nominationWindow.opensAt)) return 'not-yet-open';
  if (t > Date.parse(program.nominationWindow.closesAt)) return 'closed';
  return 'open';
};
