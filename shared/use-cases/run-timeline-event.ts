import type { TimelineEventInput } from '#events/contracts';
import type { Actor } from '../domain/actor.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { holdsPlace, type NominationStatus, nominationStatuses } from '../domain/nomination-states.ts';
import { eventStart, type Program } from '../domain/program.ts';
import { timelineEvent } from '../domain/schedule-plan.ts';
import type { EmailKind, EmailMessage } from '../email/templates.ts';
import {
  certificateEmail,
  type DecisionStanding,
  decisionReadinessEmail,
  decisionsOverdueEmail,
  evaluationEmail,
  reminderEmail,
} from '../email/timeline-templates.ts';
import type { EmailQueue, NominationStore, QueuedEmail } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { notifyDecisions } from './notify-decisions.ts';
import type { TransitionDeps } from './transition-nomination.ts';

export interface TimelineDeps extends TransitionDeps {
  queue: EmailQueue;
  organizerEmails: string[];
  /** Where the certificate fonts are; unset, they are read from node_modules. */
  fontDir?: string;
}

export interface TimelineOutcome {
  kind: TimelineEventInput['kind'];
  queued: number;
  alreadyQueued: number;
  notified?: number;
  note?: string;
}

/** Decisions made by the schedule are audited under this name. */
const scheduler: Actor = { id: 'scheduler', email: 'scheduler', groups: ['organizers'] };

/** Selected, told so, and not withdrawn: the people reminders, evaluation and certificates are for. */
const participants = async (store: NominationStore, programId: string) =>
  (await listAllNominations(store, programId, 'notified')).filter((n) => n.decision === 'selected');

const standing = async (store: NominationStore, program: Program): Promise<DecisionStanding> => {
  const byStatus = new Map<NominationStatus, Nomination[]>();
  for (const status of nominationStatuses)
    byStatus.set(status, await listAllNominations(store, program.id, status));
  const all = [...byStatus.values()].flat();
  const counts = Object.fromEntries(
    nominationStatuses.map((s) => [s, byStatus.get(s)?.length ?? 0]),
  ) as DecisionStanding['counts'];
  const notified = byStatus.get('notified') ?? [];
  counts.notified_selected = notified.filter((n) => n.decision === 'selected').length;
  counts.notified_not_selected = notified.length - counts.notified_selected;
  const placed = all.filter(holdsPlace);
  return {
    counts,
    placesTaken: placed.length,
    stipendsRequested: placed.filter((n) => n.travel.conditionalOnStipend).length,
    undecided: [...(byStatus.get('submitted') ?? []), ...(byStatus.get('reviewed') ?? [])],
  };
};

/**
 * Runs what a program's schedule fired. Every email is keyed by the schedule, the instant it was
 * scheduled for and its recipient, so a retried or repeated delivery queues nothing twice.
 */
export const runTimelineEvent = async (
  deps: TimelineDeps,
  input: TimelineEventInput,
): Promise<TimelineOutcome> => {
  const stored = await deps.programs.get(input.programId);
  if (!stored) throw new NotFoundError(`There is no program "${input.programId}"`);
  const { program } = stored;
  const occasion = `${input.schedule}@${input.scheduledAt}`;
  const forParticipant = (n: Nomination, kind: EmailKind, email: EmailMessage): QueuedEmail => ({
    programId: program.id,
    nominationId: n.id,
    email: { key: occasion, kind, ...email },
  });
  const forOrganizers = (kind: EmailKind, build: (organizer: string) => EmailMessage): QueuedEmail[] =>
    deps.organizerEmails.map((organizer) => ({
      programId: program.id,
      email: { key: `${occasion}#${organizer}`, kind, ...build(organizer) },
    }));
  const outcome = (emails: QueuedEmail[], extra: Partial<TimelineOutcome> = {}) =>
    deps.queue.enqueue(emails, deps.clock.now()).then((r) => ({ kind: input.kind, ...r, ...extra }));

  switch (input.kind) {
    case 'decision-readiness': {
      const s = await standing(deps.store, program);
      return outcome(forOrganizers('decision-readiness', (o) => decisionReadinessEmail(program, o, s)));
    }
    case 'decisions-due': {
      const report = await notifyDecisions(deps, program.id, scheduler);
      const undecided = (await standing(deps.store, program)).undecided;
      const alerts = undecided.length
        ? forOrganizers('decisions-overdue', (o) => decisionsOverdueEmail(program, o, undecided))
        : [];
      return outcome(alerts, { notified: report.notified });
    }
    case 'reminder': {
      const event = timelineEvent(program, input.eventId);
      if (!event)
        return {
          kind: input.kind,
          queued: 0,
          alreadyQueued: 0,
          note: `"${input.eventId}" is no longer on the timeline`,
        };
      // Loaded when needed: ics (with yup) and pdf-lib (with fontkit) would otherwise weigh on every cold start.
      const { calendarInvite } = await import('../documents/calendar-invite.ts');
      const invite = calendarInvite(program, event);
      const daysAhead = Math.round(
        (eventStart(program, event).getTime() - Date.parse(input.scheduledAt)) / 86_400_000,
      );
      const people = await participants(deps.store, program.id);
      return outcome(
        people.map((n) => forParticipant(n, 'reminder', reminderEmail(program, event, n, invite, daysAhead))),
      );
    }
    case 'evaluation': {
      const people = await participants(deps.store, program.id);
      return outcome(people.map((n) => forParticipant(n, 'evaluation', evaluationEmail(program, n))));
    }
    case 'certificates': {
      const people = await participants(deps.store, program.id);
      const { participationCertificate } = await import('../documents/certificate.ts');
      const period = programPeriod(program);
      const emails: QueuedEmail[] = [];
      for (const n of people) {
        const pdf = await participationCertificate(
          program,
          {
            participant: n.candidate.name,
            library: `${n.library.name}, ${n.library.city}`,
            period,
          },
          deps.fontDir,
        );
        emails.push(forParticipant(n, 'certificate', certificateEmail(program, n, pdf)));
      }
      return outcome(emails);
    }
  }
};

const monthYear = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 7)}-15T00:00:00Z`),
  );

/** "April 2024 – March 2025", from the first and last dated events. */
export const programPeriod = (program: Program) => {
  const dates = program.timeline.map((e) =>
    'at' in e.when ? e.when.at : 'from' in e.when ? e.when.from : e.when.month,
  );
  const sorted = [...dates].sort();
  return `${monthYear(sorted[0] ?? '')} – ${monthYear(sorted.at(-1) ?? '')}`;
};
