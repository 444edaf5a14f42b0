import type { ScheduledEvent } from '#events/contracts';
import { scheduler } from '../domain/actor.ts';
import { attendanceRecord } from '../domain/attendance.ts';
import type { Nomination } from '../domain/nomination.ts';
import { isParticipant } from '../domain/nomination-states.ts';
import { eventFirstDate, type Program } from '../domain/program.ts';
import { certificateExpiry, undecidedExpiry } from '../domain/retention.ts';
import { fromEpochSeconds } from '../domain/time.ts';
import { attendanceRecordEmail, certificateEmail } from '../email/timeline-templates.ts';
import type { QueuedEmail } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { recordChange } from './record-change.ts';
import { type OccasionDeps, occasion, participants, type TimelineOutcome } from './timeline-occasion.ts';

export interface CertificateDeps extends OccasionDeps {
  /** Where the certificate fonts are: beside the bundle on AWS, in node_modules locally. */
  fontDir: string;
}

/**
 * Makes each participant's certificate (a PDF) and queues it by email. Keyed like every timeline
 * email, so a repeated delivery queues nothing twice.
 */
export const issueCertificates = async (
  deps: CertificateDeps,
  input: ScheduledEvent,
): Promise<TimelineOutcome> => {
  if (input.kind !== 'certificates') throw new Error(`IssueCertificates does not run "${input.kind}" events`);
  const { program, forParticipant, queue } = await occasion(deps, input);
  const people = await participants(deps.nominations, program.id);
  const registers = new Map((await deps.programs.attendance(program.id)).map((r) => [r.eventId, r]));
  const at = Date.parse(input.scheduledAt);
  const emails: QueuedEmail[] = [];
  const certified = new Set<string>();
  for (const n of people) {
    const record = attendanceRecord(program, registers, n.id, at);
    const page = await deps.pages?.page(program, n);
    if (record.meetsRule) {
      certified.add(n.id);
      const pdf = await certificateOf(deps, program, n);
      emails.push(forParticipant(n, 'certificate', certificateEmail(program, n, pdf, page)));
    } else {
      emails.push(forParticipant(n, 'attendance-record', attendanceRecordEmail(program, n, record, page)));
    }
  }
  const outcome = await queue(emails);
  // Their certificates sent (or their record), the participants' data starts its last period;
  // a certificate is noted on the nomination with the name it bears.
  const expiresAt = certificateExpiry(program, input.scheduledAt);
  for (const n of people.filter((p) => !p.expiresAt)) {
    await recordChange(deps, n, scheduler, {
      action: 'set-retention',
      fields: {
        expiresAt,
        ...(certified.has(n.id)
          ? { certificate: { issuedAt: input.scheduledAt, name: n.candidate.name } }
          : {}),
      },
      audit: { note: `Personal data erased after ${fromEpochSeconds(expiresAt).toISOString().slice(0, 10)}` },
    });
  }
  await retireUndecided(deps, program, input.scheduledAt);
  return outcome;
};

/**
 * Nothing is decided after the program's last event: a nomination still without a lifetime that
 * is not a participant's (never reviewed, a duplicate nobody acted on, decided but never told)
 * gets the shorter period from now, so no nomination is kept for ever. Read again one by one: the
 * listing may lag behind the participants' lifetimes just set.
 */
const retireUndecided = async (deps: CertificateDeps, program: Program, at: string) => {
  const expiresAt = undecidedExpiry(program, at);
  for (const listed of await listAllNominations(deps.nominations, program.id)) {
    if (listed.expiresAt || isParticipant(listed)) continue;
    const n = await deps.nominations.get(listed.id);
    if (!n || n.expiresAt || isParticipant(n) || n.status === 'unconfirmed') continue;
    await recordChange(deps, n, scheduler, {
      action: 'set-retention',
      fields: { expiresAt },
      audit: {
        note: `Never decided: personal data erased after ${fromEpochSeconds(expiresAt).toISOString().slice(0, 10)}`,
      },
    });
  }
};

const monthYear = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 7)}-15T00:00:00Z`),
  );

/**
 * A participant's certificate as a PDF, with their name as it now is. pdf-lib and its font
 * engine load on the first certificate, not with the function: some 1.5 MB of code that a cold
 * start would otherwise compile and run before the first request, whatever that request is.
 */
export const certificateOf = async (deps: { fontDir: string }, program: Program, n: Nomination) =>
  (await import('../documents/certificate.ts')).participationCertificate(
    program,
    {
      participant: n.candidate.name,
      library: `${n.library.name}, ${n.library.city}`,
      period: programPeriod(program),
    },
    deps.fontDir,
  );

/** "April 2024 – March 2025", from the first and last dated events. */
export const programPeriod = (program: Program) => {
  const sorted = program.timeline.map((e) => eventFirstDate(e.when)).sort();
  return `${monthYear(sorted[0] ?? '')} – ${monthYear(sorted.at(-1) ?? '')}`;
};
