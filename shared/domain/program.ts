import type { eventWhenSchema, programSchema, timelineEventSchema } from './program-schema.ts';
import { wallTimeToInstant } from './time.ts';
import type * as z from './zod.ts';

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
