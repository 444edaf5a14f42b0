import { type Actor, actorName } from '../domain/actor.ts';
import {
  type AttendanceRegister,
  attendable,
  attendanceRecord,
  hasBegun,
  registerChangeSchema,
} from '../domain/attendance.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { concerns, groupOf } from '../domain/mentoring-groups.ts';
import { referenceOf } from '../domain/reference.ts';
import type { Clock, NominationStore, ProgramRepository } from '../ports.ts';
import { participants } from './timeline-occasion.ts';

export interface AttendanceDeps {
  programs: ProgramRepository;
  nominations: NominationStore;
  clock: Clock;
}

const byEvent = (registers: AttendanceRegister[]) => new Map(registers.map((r) => [r.eventId, r]));

/**
 * The registers of the year for staff: each meeting and session with whether it has been held and
 * its marks, and each participant's record against the certificate rule.
 */
export const readAttendance = async (deps: AttendanceDeps, programId: string, actor: Actor) => {
  authorize(actor, 'read-cohort', { programId });
  const { program } = await deps.programs.require(programId);
  const registers = byEvent(await deps.programs.attendance(programId));
  const now = deps.clock.now().getTime();
  const people = await participants(deps.nominations, programId);
  return {
    programId,
    certificateRule: program.certificateRule,
    events: program.timeline
      .filter((e) => attendable.has(e.kind))
      .map((e) => {
        const register = registers.get(e.id);
        return {
          id: e.id,
          kind: e.kind,
          title: e.title,
          when: e.when,
          ...(e.timeZone ? { timeZone: e.timeZone } : {}),
          ...(e.group ? { group: e.group, groupName: groupOf(program, e.group)?.name ?? e.group } : {}),
          held: hasBegun(program, e, now),
          version: register?.version ?? 0,
          marks: register?.marks ?? {},
          /** Who the register is for: everyone, or the session's group. */
          expected: people.filter((n) => concerns(program, e, n.id)).map((n) => n.id),
        };
      }),
    participants: people
      .map((n) => {
        const record = attendanceRecord(program, registers, n.id, now);
        return {
          id: n.id,
          reference: referenceOf(n.id),
          name: n.candidate.name,
          library: n.library.name,
          city: n.library.city,
          attended: record.attended,
          held: record.held,
          meetsRule: record.meetsRule,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
};

/**
 * An organizer keeps a meeting's register:
 * 1. Organizers only (403); the program (404) and the event on its timeline (404).
 * 2. A meeting or mentoring session (400) that has begun (409: nothing is recorded ahead).
 * 3. Marks present, absent or excused, each for a participant of the program (400 naming anyone
 *    else); the whole register at the version read (409).
 * 4. Saved with an audit entry (who, when, the marks, the note).
 */
export const recordAttendance = async (
  deps: AttendanceDeps,
  programId: string,
  eventId: string,
  actor: Actor,
  body: unknown,
) => {
  authorize(actor, 'record-attendance', { programId });
  const { program } = await deps.programs.require(programId);
  const event = program.timeline.find((e) => e.id === eventId);
  if (!event) throw new NotFoundError(`The program has no event "${eventId}"`);
  if (!attendable.has(event.kind)) {
    throw new ValidationError('Attendance is kept for meetings and mentoring sessions', [
      { path: 'eventId', message: `"${eventId}" is a ${event.kind}, not a meeting or a mentoring session` },
    ]);
  }
  const parsed = parseOrRefuse(registerChangeSchema, body, 'The register is not valid');
  const now = deps.clock.now();
  if (!hasBegun(program, event, now.getTime())) {
    throw new ConflictError(`"${event.title}" has not begun yet; its register is kept once it has`);
  }
  const ids = new Set((await participants(deps.nominations, programId)).map((n) => n.id));
  const strangers = Object.keys(parsed.marks).filter((id) => !ids.has(id));
  if (strangers.length) {
    throw new ValidationError(
      'The register is not valid',
      strangers.map((id) => ({ path: `marks.${id}`, message: `${id} is not a participant of the program` })),
    );
  }
  const current = byEvent(await deps.programs.attendance(programId)).get(eventId)?.version ?? 0;
  if (current !== parsed.expectedVersion) {
    throw new VersionConflictError(
      `The register of "${event.title}" is at version ${current}, not ${parsed.expectedVersion}; reload it and try again`,
    );
  }
  const version = await deps.programs.saveAttendance({
    programId,
    eventId,
    marks: parsed.marks,
    expectedVersion: parsed.expectedVersion,
    actor: actorName(actor),
    at: now.toISOString(),
    ...(parsed.note ? { note: parsed.note } : {}),
  });
  return { eventId, version, marks: parsed.marks };
};
