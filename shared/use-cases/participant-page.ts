import { participant } from '../domain/actor.ts';
import { attendanceRecord } from '../domain/attendance.ts';
import { ForbiddenError, InvalidLinkError } from '../domain/errors.ts';
import { evaluationState } from '../domain/evaluation.ts';
import { concerns, groupOfMember } from '../domain/mentoring-groups.ts';
import { isParticipant } from '../domain/nomination-states.ts';
import { feedGeneration } from '../domain/participant-links.ts';
import type { TimelineEvent } from '../domain/program.ts';
import { eventFixedFrom, eventStart } from '../domain/schedule-plan.ts';
import {
  type Clock,
  calendarVersion,
  type LinkSigner,
  type NominationStore,
  type ProgramRepository,
} from '../ports.ts';
import { type ParticipantPages, participantOf } from './participant-links.ts';
import { recordChange } from './record-change.ts';
import { applyTransition } from './transition-nomination.ts';

export interface ParticipantPageDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
  pages: ParticipantPages;
  /** Who hears that a participant left and a place opened. */
  organizerEmails?: readonly string[];
}

/** What a participant's page and feed list: what happens in the program, not the summer break. */
const onPage = new Set<TimelineEvent['kind']>([
  'meeting',
  'mentoring',
  'conference',
  'evaluation',
  'certificates',
]);
const inFeed = new Set<TimelineEvent['kind']>(['meeting', 'mentoring', 'conference']);

/**
 * A participant's page: where they stand, their mentoring group, what is ahead of them (in their
 * own zone, with the private links and readings), what is still to be dated, what is past, and
 * their calendar feed's address. Someone whose link is theirs but who is no longer a participant
 * (they left) sees that, and nothing of the program's private details.
 */
export const participantPage = async (deps: ParticipantPageDeps, token: string) => {
  const { nomination: n, stored } = await participantOf(deps, token);
  const { program } = stored;
  const now = deps.clock.now().getTime();
  const active = isParticipant(n);
  const mine = active ? program.timeline.filter((e) => onPage.has(e.kind) && concerns(program, e, n.id)) : [];
  const dated = mine.filter((e) => !('month' in e.when));
  const registers = active
    ? new Map((await deps.programs.attendance(program.id)).map((r) => [r.eventId, r]))
    : new Map();
  const certificateDay = program.timeline.find((e) => e.kind === 'certificates');
  return {
    nomination: n,
    program,
    participant: active,
    group: active ? groupOfMember(program, n.id) : undefined,
    upcoming: dated.filter((e) => eventStart(program, e).getTime() > now),
    // Until its month ends a month-only session is "date to be set".
    toBeDated: mine.filter((e) => 'month' in e.when && eventFixedFrom(program, e).getTime() > now),
    past: dated.filter((e) => eventStart(program, e).getTime() <= now),
    calendarUrl: active ? await deps.pages.calendar(program, n) : undefined,
    /** Their mark at each meeting or session held, where a register was kept. */
    marks: new Map(
      [...registers.values()].flatMap((r) => (r.marks[n.id] ? [[r.eventId, r.marks[n.id]]] : [])),
    ),
    record: attendanceRecord(program, registers, n.id, now),
    certificate: active ? n.certificate : undefined,
    evaluation: evaluationState(program, new Date(now)),
    certificateDay:
      certificateDay && !('month' in certificateDay.when) ? eventStart(program, certificateDay) : undefined,
  };
};

export type ParticipantView = Awaited<ReturnType<typeof participantPage>>;

/**
 * The calendar feed a participant subscribes to: their dated meetings, sessions and the
 * conference, with the join links. An address revoked (a newer one made) or of a nomination erased
 * is refused; someone who left gets an empty calendar, so their subscription empties itself.
 */
export const participantCalendar = async (deps: ParticipantPageDeps, token: string): Promise<string> => {
  const link = await deps.links.verify(token, 'calendar');
  const n = await deps.nominations.get(link.nominationId);
  if (!n || (link.generation ?? 0) !== feedGeneration(n)) {
    throw new InvalidLinkError(
      'This calendar address no longer works: a newer one replaced it. Take the current address from your page in the program.',
    );
  }
  const stored = await deps.programs.require(n.programId);
  const { program } = stored;
  const events = isParticipant(n)
    ? program.timeline.filter((e) => inFeed.has(e.kind) && concerns(program, e, n.id))
    : [];
  const { calendarFeed } = await import('../documents/calendar-invite.ts');
  return calendarFeed(program, events, calendarVersion(stored));
};

/**
 * A new calendar feed address for the participant: every address given before stops working
 * (for a feed shared by mistake). Recorded on the nomination with an audit entry.
 */
export const renewCalendarFeed = async (deps: ParticipantPageDeps, token: string) => {
  const { nomination: before } = await participantOf(deps, token);
  if (!isParticipant(before))
    throw new ForbiddenError('Only a participant of the program has a calendar feed');
  await recordChange(deps, before, participant, {
    action: 'renew-calendar-feed',
    fields: { calendarFeed: feedGeneration(before) + 1 },
  });
};

/**
 * The participant leaves the program, from their page, after a confirmation step: the same
 * withdrawal organizers record, with its emails (a confirmation to them, the organizers told a
 * place opened and who is first on the reserve list).
 */
export const withdrawAsParticipant = async (deps: ParticipantPageDeps, token: string) => {
  const { nomination: before } = await participantOf(deps, token);
  if (!isParticipant(before)) {
    throw new ForbiddenError(
      before.status === 'withdrawn'
        ? 'You have already left the program'
        : 'Only a participant can leave the program',
    );
  }
  return applyTransition(deps, before, participant, { action: 'withdraw' });
};
