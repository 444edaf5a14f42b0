/**
 * What organizers write to participants or another audience (docs/participants-year.md#announcements):
 * one email per recipient through the outbox, filed with each recipient's nomination.
 */
import { groupOf } from './mentoring-groups.ts';
import type { Nomination } from './nomination.ts';
import { told } from './nomination-states.ts';
import { lines, oneLine } from './plain-text.ts';
import type { Program } from './program.ts';
import * as z from './zod.ts';

export const audienceSchema = z.union([
  z.strictObject({ kind: z.literal('participants') }),
  z.strictObject({ kind: z.literal('group'), group: z.string().check(z.minLength(1), z.maxLength(40)) }),
  z.strictObject({ kind: z.literal('reserve') }),
  z.strictObject({ kind: z.literal('applicants') }),
]);

export type Audience = z.infer<typeof audienceSchema>;

const draft = {
  audience: audienceSchema,
  subject: z.string().check(z.trim(), z.minLength(1, 'write a subject'), z.maxLength(150), oneLine),
  /** Plain text; a blank line starts a new paragraph. */
  body: z.string().check(z.trim(), z.minLength(1, 'write the message'), z.maxLength(10_000), ...lines),
};

/**
 * An id the sender makes once per announcement (the console, when the form opens), so a retry or
 * a second click sends nothing twice.
 */
const id = z.uuid({ error: 'id is a UUID made once for this announcement, so sending twice sends once' });

/** What a preview needs: the audience and the text (and the id the send will carry, if given). */
export const announcementDraftSchema = z.strictObject({ ...draft, id: z.optional(id) });

/** What sending needs: the id too. */
export const announcementSchema = z.strictObject({ ...draft, id });

export type AnnouncementDraft = Omit<z.infer<typeof announcementDraftSchema>, 'id'>;

export interface Announcement extends AnnouncementDraft {
  id: string;
  programId: string;
  sentAt: string;
  sentBy: string;
  /** The nominations it was sent to, fixed when it was first sent. */
  recipients: string[];
}

/** The audience as organizers read it: "participants", "the mentoring group Lisbon circle". */
export const audienceLabel = (program: Program, audience: Audience) => {
  switch (audience.kind) {
    case 'participants':
      return 'every participant';
    case 'group':
      return `the mentoring group ${groupOf(program, audience.group)?.name ?? audience.group}`;
    case 'reserve':
      return 'everyone on the reserve list';
    case 'applicants':
      return 'every applicant whose nomination is not withdrawn';
  }
};

/**
 * Whether a nomination is in the audience. Participants and reserves are those told so: writing
 * to the selected before decision day would tell them first.
 */
export const inAudience = (program: Program, audience: Audience, n: Nomination) => {
  switch (audience.kind) {
    case 'participants':
      return told(n, 'selected');
    case 'group':
      return told(n, 'selected') && (groupOf(program, audience.group)?.members.includes(n.id) ?? false);
    case 'reserve':
      return told(n, 'reserve');
    case 'applicants':
      return n.status !== 'withdrawn';
  }
};

/** An email about the nomination (reserve list, applicants) copies the nominator, as decisions do. */
export const copiesNominator = (audience: Audience) =>
  audience.kind === 'reserve' || audience.kind === 'applicants';
