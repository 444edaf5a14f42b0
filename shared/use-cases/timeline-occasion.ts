import type { ScheduledEvent } from '#events/contracts';
import type { Nomination } from '../domain/nomination.ts';
import { isParticipant } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import type { EmailKind, EmailMessage } from '../email/templates.ts';
import {
  type Clock,
  calendarVersion,
  type EmailQueue,
  type NominationStore,
  type ProgramRepository,
  type QueuedEmail,
} from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import type { ParticipantPages } from './participant-links.ts';

export interface OccasionDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  outbox: EmailQueue;
  clock: Clock;
  organizerEmails: string[];
  /** The link to each participant's own page, in their emails. */
  pages?: ParticipantPages;
}

export interface TimelineOutcome {
  kind: ScheduledEvent['kind'];
  queued: number;
  alreadyQueued: number;
  notified?: number;
  note?: string;
}

/** Selected, told so, and not withdrawn: the people reminders, evaluation and certificates are for. */
export const participants = async (nominations: NominationStore, programId: string) =>
  (await listAllNominations(nominations, programId, 'notified')).filter(isParticipant);

/**
 * The program a schedule fired for, and the emails of that occasion. Every email is keyed by the
 * schedule, the instant it was scheduled for and its recipient, so a retried or repeated
 * delivery queues nothing twice.
 */
export const occasion = async (
  deps: OccasionDeps,
  input: ScheduledEvent,
): Promise<{
  program: Program;
  /** The SEQUENCE of the invitations sent now (calendarVersion). */
  sequence: number;
  forParticipant: (n: Nomination, kind: EmailKind, email: EmailMessage) => QueuedEmail;
  forOrganizers: (kind: EmailKind, build: (organizer: string) => EmailMessage) => QueuedEmail[];
  queue: (emails: QueuedEmail[], extra?: Partial<TimelineOutcome>) => Promise<TimelineOutcome>;
}> => {
  const stored = await deps.programs.require(input.programId);
  const { program } = stored;
  const key = `${input.schedule}@${input.scheduledAt}`;
  return {
    program,
    sequence: calendarVersion(stored),
    forParticipant: (n, kind, email) => ({
      programId: program.id,
      nominationId: n.id,
      email: { key, kind, ...email },
    }),
    forOrganizers: (kind, build) =>
      deps.organizerEmails.map((organizer) => ({
        programId: program.id,
        email: { key: `${key}#${organizer}`, kind, ...build(organizer) },
      })),
    queue: (emails, extra = {}) =>
      deps.outbox.enqueue(emails, deps.clock.now()).then((r) => ({ kind: input.kind, ...r, ...extra })),
  };
};
