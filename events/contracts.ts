import * as z from '#shared/domain/zod';

export const scheduledKinds = [
  'decision-readiness',
  'decisions-due',
  /** An hour after decisions are due: is any decided nomination still not notified? */
  'decisions-check',
  /** The day after the reserve date: those still on the reserve list are told it has closed. */
  'reserve-closes',
  'reminder',
  'evaluation',
  /** A week before the evaluation closes: those who have not answered are reminded. */
  'evaluation-reminder',
  'certificates',
] as const;
export type ScheduledKind = (typeof scheduledKinds)[number];

/**
 * What EventBridge Scheduler hands the functions it invokes for a program schedule: the
 * schedule's Input, verbatim.
 * `scheduledAt` is the instant the schedule was for (not when it ran), so a late or repeated
 * delivery still names the same occasion and the outbox keys stay the same.
 */
export const scheduledEventSchema = z.strictObject({
  programId: z.string().check(z.minLength(1), z.maxLength(40)),
  schedule: z.string().check(z.regex(/^[0-9a-zA-Z\-_.]{1,64}$/)),
  kind: z.enum(scheduledKinds),
  eventId: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  scheduledAt: z.iso.datetime(),
});

export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;
