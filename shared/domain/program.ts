import type { eventWhenSchema, programSchema, timelineEventSchema } from './program-schema.ts';
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

/** When an event begins, as the timeline writes it: a wall time, a first day or a month. */
export const eventFirstDate = (when: TimelineEventWhen): string =>
  'at' in when ? when.at : 'from' in when ? when.from : when.month;

/** The timeline as anyone may see it: without the meetings' private join links. */
export const publicTimeline = (timeline: readonly TimelineEvent[]): TimelineEvent[] =>
  timeline.map(({ joinUrl: _, ...event }) => event);

/** The program as anyone may see it: no join links, and no mentoring groups (who is in which). */
export const publicProgram = ({ mentoringGroups: _, ...program }: Program): Program => ({
  ...program,
  timeline: publicTimeline(program.timeline),
});
