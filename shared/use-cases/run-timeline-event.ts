import type { ScheduledEvent } from '#events/contracts';
import { scheduler } from '../domain/actor.ts';
import { holdsStipend } from '../domain/cohort.ts';
import { evaluationState } from '../domain/evaluation.ts';
import { currentUndeliverable } from '../domain/mail-delivery.ts';
import { concerns } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import { holdsPlace, type NominationStatus, nominationStatuses } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import { eventStart, timelineEvent } from '../domain/schedule-plan.ts';
import {
  type DecisionStanding,
  decisionReadinessEmail,
  decisionsOverdueEmail,
} from '../email/organizer-templates.ts';
import { evaluationEmail, reminderEmail } from '../email/timeline-templates.ts';
import type { EvaluationStore, NominationStore } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import { closeReserveList, notifyDecisions } from './notify-decisions.ts';
import { type OccasionDeps, occasion, participants, type TimelineOutcome } from './timeline-occasion.ts';
import type { TransitionDeps } from './transition-nomination.ts';

export type TimelineDeps = TransitionDeps &
  OccasionDeps & {
    /** Who has answered the evaluation: its reminder goes to the others. */
    evaluations?: EvaluationStore;
  };

const standing = async (nominations: NominationStore, program: Program): Promise<DecisionStanding> => {
  const byStatus = new Map<NominationStatus, Nomination[]>();
  for (const status of nominationStatuses)
    byStatus.set(status, await listAllNominations(nominations, program.id, status));
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
    stipendsAwarded: placed.filter(holdsStipend).length,
    undecided: [...(byStatus.get('submitted') ?? []), ...(byStatus.get('reviewed') ?? [])],
    undeliverable: all
      .filter((n) => n.status !== 'withdrawn')
      .flatMap((n) => currentUndeliverable(n).map((address) => ({ nomination: n, address }))),
  };
};

/**
 * Runs what a program's schedule fired, except the certificates (IssueCertificates makes those)
 * and the decisions check (CheckDecisionsNotified).
 * A retried or repeated delivery queues nothing twice: see `occasion`.
 */
export const runTimelineEvent = async (
  deps: TimelineDeps,
  input: ScheduledEvent,
): Promise<TimelineOutcome> => {
  const { program, sequence, forParticipant, forOrganizers, queue: outcome } = await occasion(deps, input);

  switch (input.kind) {
    case 'decision-readiness': {
      const s = await standing(deps.nominations, program);
      return outcome(forOrganizers('decision-readiness', (o) => decisionReadinessEmail(program, o, s)));
    }
    case 'decisions-due': {
      const report = await notifyDecisions(deps, program.id, scheduler);
      const undecided = (await standing(deps.nominations, program)).undecided;
      const alerts = undecided.length
        ? forOrganizers('decisions-overdue', (o) => decisionsOverdueEmail(program, o, undecided))
        : [];
      // Each applicant still undecided hears that day, once (keyed by the nomination, not the
      // schedule, so a decision day moved and fired again tells nobody twice).
      const { decisionPendingEmail } = await import('../email/cohort-templates.ts');
      const pending = undecided.map((n) => ({
        programId: program.id,
        nominationId: n.id,
        email: {
          key: 'decision-pending',
          kind: 'decision-pending' as const,
          ...decisionPendingEmail(program, n),
        },
      }));
      return outcome([...alerts, ...pending], { notified: report.notified });
    }
    case 'reserve-closes': {
      const report = await closeReserveList(deps, program.id);
      return { kind: input.kind, queued: report.closed, alreadyQueued: report.skipped };
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
      // Loaded when needed: ics (with yup) would otherwise weigh on every cold start.
      const { calendarInvite } = await import('../documents/calendar-invite.ts');
      const invite = calendarInvite(program, event, sequence);
      const daysAhead = Math.round(
        (eventStart(program, event).getTime() - Date.parse(input.scheduledAt)) / 86_400_000,
      );
      // A group's session reminds its members only.
      const people = (await participants(deps.nominations, program.id)).filter((n) =>
        concerns(program, event, n.id),
      );
      return outcome(
        await Promise.all(
          people.map(async (n) =>
            forParticipant(
              n,
              'reminder',
              reminderEmail(program, event, n, invite, daysAhead, await deps.pages?.page(program, n)),
            ),
          ),
        ),
      );
    }
    case 'evaluation': {
      const people = await participants(deps.nominations, program.id);
      return outcome(
        await Promise.all(
          people.map(async (n) =>
            forParticipant(n, 'evaluation', evaluationEmail(program, n, await deps.pages?.page(program, n))),
          ),
        ),
      );
    }
    case 'evaluation-reminder': {
      if (evaluationState(program, new Date(input.scheduledAt)) !== 'open') {
        return { kind: input.kind, queued: 0, alreadyQueued: 0, note: 'the evaluation is not open' };
      }
      const { nonRespondents } = await import('./evaluation.ts');
      const { evaluationReminderEmail } = await import('../email/timeline-templates.ts');
      const people = deps.evaluations
        ? await nonRespondents({ ...deps, evaluations: deps.evaluations }, program.id)
        : [];
      return outcome(
        await Promise.all(
          people.map(async (n) =>
            forParticipant(
              n,
              'evaluation-reminder',
              evaluationReminderEmail(program, n, await deps.pages?.page(program, n)),
            ),
          ),
        ),
      );
    }
    case 'certificates':
      throw new Error('Certificates are issued by the IssueCertificates function; sync the schedules');
    case 'decisions-check':
      throw new Error(
        'The decisions check is run by the CheckDecisionsNotified function; sync the schedules',
      );
  }
};
