import { isDeepStrictEqual } from 'node:util';
import { concerns, groupOf } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import { eventStart } from '../domain/schedule-plan.ts';
import type { EmailAttachment, EmailKind, EmailMessage } from '../email/templates.ts';
import type { NominationStore, QueuedEmail } from '../ports.ts';
import type { ParticipantPages } from './participant-links.ts';
import { participants } from './timeline-occasion.ts';

/** The kinds of event participants have in their calendars, and hear about when they change. */
const inCalendars = new Set<TimelineEvent['kind']>(['meeting', 'mentoring', 'conference']);

export interface CalendarChanges {
  /** New to the participant's calendar, moved, or changed in anything they read of it. */
  changed: TimelineEvent[];
  /** Gone from it: removed from the timeline, or a session of a group they are no longer in. */
  cancelled: TimelineEvent[];
}

/** A participant's calendar: the dated events still ahead that are for them. */
const calendarOf = (program: Program, nominationId: string, now: number) =>
  program.timeline.filter(
    (e) =>
      inCalendars.has(e.kind) &&
      !('month' in e.when) &&
      concerns(program, e, nominationId) &&
      eventStart(program, e).getTime() > now,
  );

/** An event as participants read it: with its group's name and mentor, which its emails name. */
const asRead = (program: Program, event: TimelineEvent) => {
  const group = groupOf(program, event.group);
  return { event, group: group && { name: group.name, mentor: group.mentor } };
};

/** What changed in one participant's calendar between two states of the program. */
export const calendarChangesFor = (
  before: Program,
  after: Program,
  nominationId: string,
  now: number,
): CalendarChanges => {
  const was = new Map(calendarOf(before, nominationId, now).map((e) => [e.id, e]));
  const is = calendarOf(after, nominationId, now);
  const ids = new Set(is.map((e) => e.id));
  return {
    changed: is.filter((e) => {
      const previous = was.get(e.id);
      return !previous || !isDeepStrictEqual(asRead(before, previous), asRead(after, e));
    }),
    cancelled: [...was.values()].filter((e) => !ids.has(e.id)),
  };
};

/**
 * The email each participant gets for a change of the program (its timeline, its groups): their
 * own calendar's changes with entries that replace theirs (same UID, SEQUENCE `sequence`), built
 * by `build`, which may send nothing (undefined) to someone the change does not concern. Keyed
 * by `key`, so the change's emails are queued once per participant.
 */
export const calendarChangeEmails = async (
  nominations: NominationStore,
  change: {
    before: Program;
    after: Program;
    now: number;
    key: string;
    kind: EmailKind;
    sequence: number;
    /** Each participant's page, linked from their email. */
    pages?: ParticipantPages | undefined;
    build: (
      participant: Nomination,
      changes: CalendarChanges,
      invites: EmailAttachment[],
      page: string | undefined,
    ) => EmailMessage | undefined;
  },
): Promise<QueuedEmail[]> => {
  const { before, after, now, sequence } = change;
  const people = await participants(nominations, after.id);
  if (people.length === 0) return [];
  const { calendarInvite } = await import('../documents/calendar-invite.ts');
  const { invitation } = await import('../email/timeline-templates.ts');
  const made = new Map<string, EmailAttachment | undefined>();
  const invite = (event: TimelineEvent, cancelled: boolean) => {
    const id = `${event.id}${cancelled ? '#cancel' : ''}`;
    if (!made.has(id)) {
      const ics = calendarInvite(cancelled ? before : after, event, sequence, cancelled);
      made.set(id, ics ? invitation(event, ics, cancelled ? 'CANCEL' : 'PUBLISH') : undefined);
    }
    return made.get(id);
  };
  const emails: QueuedEmail[] = [];
  for (const n of people) {
    const changes = calendarChangesFor(before, after, n.id, now);
    const invites = [
      ...changes.changed.map((e) => invite(e, false)),
      ...changes.cancelled.map((e) => invite(e, true)),
    ].filter((a): a is EmailAttachment => a !== undefined);
    const email = change.build(n, changes, invites, await change.pages?.page(after, n));
    if (email) {
      emails.push({
        programId: after.id,
        nominationId: n.id,
        email: { key: change.key, kind: change.kind, ...email },
      });
    }
  }
  return emails;
};
