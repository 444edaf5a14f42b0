/**
 * Who was at each meeting (docs/participants-year.md): a register per meeting or session, kept by
 * organizers, and the certificate rule read against it.
 */
import { concerns } from './mentoring-groups.ts';
import type { Program, TimelineEvent } from './program.ts';
import { eventStart } from './schedule-plan.ts';
import * as z from './zod.ts';

export const marks = ['present', 'absent', 'excused'] as const;
export type Mark = (typeof marks)[number];

/** What a register is kept for: the monthly meetings (the rule counts these) and mentoring sessions. */
export const attendable = new Set<TimelineEvent['kind']>(['meeting', 'mentoring']);

export interface AttendanceRegister {
  eventId: string;
  /** By nomination id; a participant not in it is not recorded yet. */
  marks: Record<string, Mark>;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export const registerChangeSchema = z.strictObject({
  marks: z.record(
    z.string().check(z.minLength(1), z.maxLength(64)),
    z.enum(marks, { error: 'a mark is present, absent or excused' }),
  ),
  expectedVersion: z
    .int({ error: 'expectedVersion is the register’s version you read (0 for none yet)' })
    .check(z.nonnegative()),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

/** Whether the event has begun: a register is kept from then on. */
export const hasBegun = (program: Program, event: TimelineEvent, now: number) =>
  !('month' in event.when) && eventStart(program, event).getTime() <= now;

/**
 * A participant's record: each monthly meeting held by `now` with their mark, how many they count
 * as present at, and whether that meets the program's certificate rule. A meeting whose register
 * was never kept counts as attended by everyone: nobody loses a certificate to a register nobody
 * kept. In a register that was kept, someone not marked was not there.
 */
export const attendanceRecord = (
  program: Program,
  registers: ReadonlyMap<string, AttendanceRegister>,
  nominationId: string,
  now: number,
) => {
  const meetings = program.timeline
    .filter((e) => e.kind === 'meeting' && concerns(program, e, nominationId) && hasBegun(program, e, now))
    .map((event) => {
      const register = registers.get(event.id);
      return {
        event,
        mark: register ? (register.marks[nominationId] ?? ('not recorded' as const)) : undefined,
      };
    });
  const attended = meetings.filter((m) => m.mark === 'present' || m.mark === undefined).length;
  const required = program.certificateRule.meetingsAttended;
  return { meetings, attended, held: meetings.length, required, meetsRule: attended >= required };
};

export type AttendanceRecord = ReturnType<typeof attendanceRecord>;
