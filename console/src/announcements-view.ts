/**
 * Announcements as the API answers them, and what the console works out from them, kept apart
 * from the components so it is tested without a browser: the draft an organizer writes and the
 * body sent for it, the API's issues placed on the form's fields, the words after a send (once
 * though sent twice), and dates as people read them.
 */
import type { Audience } from '#shared/domain/announcements';
import type {
  AnnouncementBody,
  AnnouncementPreview,
  AnnouncementSent,
  AnnouncementsRead,
  GroupsRead,
  Issue,
} from './contract.ts';
import { formatWhen } from './settings-view.ts';

export type { Audience };

export type AudienceKind = Audience['kind'];

/** A mentoring group as `GET /programs/{programId}/mentoring-groups` has it: an audience to choose. */
export type MentoringGroup = GroupsRead['groups'][number];

/**
 * What `POST …/announcements/preview` answers (nothing is written: whom it reaches, and the email
 * the first of them would get), `POST …/announcements` (202) and each of `GET …/announcements`.
 */
export type { AnnouncementPreview, AnnouncementSent };
export type ListedAnnouncement = AnnouncementsRead['announcements'][number];

/**
 * The announcement being written. Its id is made once, when it is started, and goes with its
 * preview and every send of it: a second click or a retry sends nothing more.
 */
export interface AnnouncementDraft {
  id: string;
  /** Empty until one is chosen: no audience is chosen for the organizer. */
  kind: AudienceKind | '';
  /** The mentoring group's id, for the audience `group`. */
  group: string;
  subject: string;
  body: string;
}

export const newDraft = (id: string): AnnouncementDraft => ({
  id,
  kind: '',
  group: '',
  subject: '',
  body: '',
});

/** The audiences, in the form's order, with what each means. */
export const audienceChoices: readonly { kind: AudienceKind; label: string; hint: string }[] = [
  { kind: 'participants', label: 'Participants', hint: 'Everyone told they have a place.' },
  {
    kind: 'group',
    label: 'A mentoring group',
    hint: 'The participants in one group.',
  },
  {
    kind: 'reserve',
    label: 'The reserve list',
    hint: 'Everyone told they are on the reserve list. Their nominator gets a copy.',
  },
  {
    kind: 'applicants',
    label: 'All applicants',
    hint: 'Every nomination not withdrawn, whatever its decision. The nominator gets a copy.',
  },
];

/** A group as the select names it: "Lisbon circle (Ana Santos), 2 members". */
export const groupLabel = (g: Pick<MentoringGroup, 'name' | 'mentor'> & { members: readonly unknown[] }) =>
  `${g.name} (${g.mentor}), ${g.members.length === 1 ? '1 member' : `${g.members.length} members`}`;

/** The body of a preview or a send, as typed: the API trims and says what is wrong. */
/** The body of a preview or a send: without an audience while none is chosen, for the API to say so. */
export const announcementBody = (
  draft: AnnouncementDraft,
): Omit<AnnouncementBody, 'audience'> & Partial<Pick<AnnouncementBody, 'audience'>> => ({
  id: draft.id,
  ...(draft.kind === ''
    ? {}
    : {
        audience: draft.kind === 'group' ? { kind: 'group', group: draft.group } : { kind: draft.kind },
      }),
  subject: draft.subject,
  body: draft.body,
});

/** The id of each field's input, as the error summary links to it. */
export const fieldIds = {
  audience: 'announcement-audience-participants',
  'audience.group': 'announcement-group',
  subject: 'announcement-subject',
  body: 'announcement-body',
} as const;

export type FieldPath = keyof typeof fieldIds;

const labels: Record<FieldPath, string> = {
  audience: 'Who it is for',
  'audience.group': 'Mentoring group',
  subject: 'Subject',
  body: 'Message',
};

/** An issue of a 400, as the API words it: a dotted path, and a sentence. */
export type { Issue };

const isField = (path: string): path is FieldPath => Object.hasOwn(fieldIds, path);

/**
 * The API's issues placed on the form: each in the error summary, named by its field and linked
 * to its input, and by path beside the field. Nothing chosen is said as the form would: the API
 * only knows the audience is missing.
 */
export const placeIssues = (issues: readonly Issue[], draft: AnnouncementDraft) => {
  const beside: Partial<Record<FieldPath, string>> = {};
  const problems = issues.map((issue) => {
    if (!isField(issue.path)) return { message: issue.message };
    const message =
      issue.path === 'audience' && draft.kind === ''
        ? 'choose who the announcement is for'
        : issue.path === 'audience.group' && draft.group === ''
          ? 'choose a mentoring group'
          : issue.message;
    beside[issue.path] = beside[issue.path] ? `${beside[issue.path]}; ${message}` : message;
    return { message: `${labels[issue.path]}: ${message}`, field: fieldIds[issue.path] };
  });
  return { problems, beside };
};

export const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/**
 * Two answers for one announcement (a double click: both requests carry its id) are one send:
 * what either queued, and the rest already had it.
 */
export const combineSent = (earlier: AnnouncementSent | undefined, answer: AnnouncementSent) => {
  if (!earlier || earlier.id !== answer.id) return answer;
  const queued = earlier.queued + answer.queued;
  return { ...earlier, queued, alreadyQueued: Math.max(0, answer.recipients - queued) };
};

/** The banner after a send, and what to know of it: those who already had it were not sent it again. */
export const sentBanner = (sent: AnnouncementSent) => {
  const message = `Sent to ${people(sent.recipients)}`;
  if (sent.alreadyQueued === 0) return { message };
  const who = sent.alreadyQueued >= sent.recipients ? 'Everyone' : `${sent.alreadyQueued} of them`;
  return {
    message,
    detail: `${who} already had it from an earlier send of this announcement: nobody gets it twice.`,
  };
};

/** When it was sent, as people write it: "Friday 1 March 2024, 12:00 UTC". */
export const formatSentAt = (iso: string) => {
  const shown = formatWhen(iso, 'UTC');
  return shown === iso ? iso : `${shown} UTC`;
};
