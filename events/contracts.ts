import { z } from 'zod';

export const scheduledKinds = [
  'decision-readiness',
  'decisions-due',
  'reminder',
  'evaluation',
  'certificates',
] as const;
export type ScheduledKind = (typeof scheduledKinds)[number];

/**
 * What EventBridge Scheduler hands the timeline function: the schedule's Input, verbatim.
 * `scheduledAt` is the instant the schedule was for (not when it ran), so a late or repeated
 * delivery still names the same occasion and the outbox keys stay the same.
 */
export const timelineEventSchema = z.strictObject({
  programId: z.string().min(1).max(40),
  schedule: z.string().regex(/^[0-9a-zA-Z\-_.]{1,64}$/),
  kind: z.enum(scheduledKinds),
  eventId: z.string().min(1).max(40).optional(),
  scheduledAt: z.iso.datetime(),
});

export type TimelineEventInput = z.infer<typeof timelineEventSchema>;
