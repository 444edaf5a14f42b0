import { type Actor, actorName } from '../domain/actor.ts';
import {
  type Announcement,
  type AnnouncementDraft,
  announcementDraftSchema,
  announcementSchema,
  audienceLabel,
  copiesNominator,
  inAudience,
} from '../domain/announcements.ts';
import { authorize } from '../domain/authorization.ts';
import { ConflictError, ValidationError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { groupOf } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import type * as z from '../domain/zod.ts';
import { announcementEmail } from '../email/announcement-templates.ts';
import type { Clock, EmailQueue, NominationStore, ProgramRepository } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';
import type { ParticipantPages } from './participant-links.ts';

export interface AnnouncementDeps {
  programs: ProgramRepository;
  nominations: NominationStore;
  outbox: EmailQueue;
  clock: Clock;
  /** The link to each participant's page, in an announcement to participants. */
  pages?: ParticipantPages;
}

const recipientsOf = async (deps: AnnouncementDeps, program: Program, draft: AnnouncementDraft) =>
  (await listAllNominations(deps.nominations, program.id)).filter((n) =>
    inAudience(program, draft.audience, n),
  );

/**
 * For an organizer (403): the program (404), the draft checked against it, with a group it has
 * (400 naming each problem), and whom it reaches.
 */
const checked = async <S extends z.core.$ZodType<AnnouncementDraft>>(
  deps: AnnouncementDeps,
  programId: string,
  actor: Actor,
  schema: S,
  body: unknown,
) => {
  authorize(actor, 'send-announcement', { programId });
  const { program } = await deps.programs.require(programId);
  const draft = parseOrRefuse(schema, body, 'The announcement is not valid');
  const { audience } = draft;
  if (audience.kind === 'group' && !groupOf(program, audience.group)) {
    throw new ValidationError('The announcement is not valid', [
      { path: 'audience.group', message: `"${audience.group}" is not one of the program's mentoring groups` },
    ]);
  }
  return { program, draft, recipients: await recipientsOf(deps, program, draft) };
};

/**
 * What an announcement would do, writing nothing: whom it reaches (by name and address) and the
 * email the first of them would get.
 */
export const previewAnnouncement = async (
  deps: AnnouncementDeps,
  programId: string,
  actor: Actor,
  body: unknown,
) => {
  const { program, draft, recipients } = await checked(deps, programId, actor, announcementDraftSchema, body);
  const copy = copiesNominator(draft.audience);
  const [first] = recipients;
  return {
    audience: audienceLabel(program, draft.audience),
    count: recipients.length,
    recipients: recipients.map((n) => ({
      id: n.id,
      reference: referenceOf(n.id),
      name: n.candidate.name,
      email: n.candidate.email,
      ...(copy ? { cc: n.nominator.email } : {}),
    })),
    ...(first ? { email: announcementEmail(program, first, draft, copy) } : {}),
  };
};

const sameText = (a: AnnouncementDraft, b: AnnouncementDraft) =>
  JSON.stringify([a.audience, a.subject, a.body]) === JSON.stringify([b.audience, b.subject, b.body]);

/**
 * An organizer sends an announcement:
 * 1. Organizers only (403); the program exists (404); a subject, a text, an audience the program
 *    has and an id (400 naming each problem); someone to send it to (409).
 * 2. Recorded once under its id with its recipients (who sent it, when, to whom). Sent again with
 *    the same id (a retry, a second click) it goes to the recipients first recorded and queues
 *    nothing already queued; with the same id and another text it is refused (409).
 * 3. One email per recipient through the outbox, keyed by the announcement, filed with their nomination.
 */
export const sendAnnouncement = async (
  deps: AnnouncementDeps,
  programId: string,
  actor: Actor,
  body: unknown,
) => {
  const { program, draft, recipients } = await checked(deps, programId, actor, announcementSchema, body);
  const label = audienceLabel(program, draft.audience);
  if (recipients.length === 0) throw new ConflictError(`There is nobody to send it to yet (${label}: none)`);
  const announcement: Announcement = {
    ...draft,
    programId,
    sentAt: deps.clock.now().toISOString(),
    sentBy: actorName(actor),
    recipients: recipients.map((n) => n.id),
  };
  const earlier = await deps.programs.recordAnnouncement(announcement);
  if (earlier && !sameText(earlier, draft)) {
    throw new ConflictError(
      `An announcement with this id was already sent, with another text ("${earlier.subject}"); start a new one`,
    );
  }
  const sent = earlier ?? announcement;
  const byId = new Map(recipients.map((n) => [n.id, n]));
  const addressed: Nomination[] = [];
  for (const id of sent.recipients) {
    const n = byId.get(id) ?? (await deps.nominations.get(id));
    if (n) addressed.push(n);
  }
  const copy = copiesNominator(sent.audience);
  const toParticipants = sent.audience.kind === 'participants' || sent.audience.kind === 'group';
  const emails = [];
  for (const n of addressed) {
    const page = toParticipants ? await deps.pages?.page(program, n) : undefined;
    emails.push({
      programId,
      nominationId: n.id,
      email: {
        key: `announcement-${sent.id}`,
        kind: 'announcement' as const,
        ...announcementEmail(program, n, sent, copy, page),
      },
    });
  }
  const result = await deps.outbox.enqueue(emails, deps.clock.now());
  return {
    id: sent.id,
    audience: audienceLabel(program, sent.audience),
    subject: sent.subject,
    sentAt: sent.sentAt,
    sentBy: sent.sentBy,
    recipients: sent.recipients.length,
    ...result,
  };
};

/** The announcements sent, newest first, for staff. */
export const listAnnouncements = async (deps: AnnouncementDeps, programId: string, actor: Actor) => {
  authorize(actor, 'read-cohort', { programId });
  const { program } = await deps.programs.require(programId);
  return {
    announcements: (await deps.programs.announcements(programId)).map(({ recipients, ...a }) => ({
      ...a,
      audienceLabel: audienceLabel(program, a.audience),
      recipients: recipients.length,
    })),
  };
};
