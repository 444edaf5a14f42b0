/**
 * The API's answers and the bodies it takes, as the console reads and sends them: each the type of
 * the server's own presenter, use case or schema, so a change there is a type error here rather
 * than a page that reads what is no longer sent. Types only (`import type`): nothing of the server
 * comes into the browser's bundle.
 */
import type { announcementSchema } from '#shared/domain/announcements';
import type { registerChangeSchema } from '#shared/domain/attendance';
import type { globalSouthSource } from '#shared/domain/global-south';
import type { correctionSchema } from '#shared/domain/nomination';
import type { Program } from '#shared/domain/program';
import type { allSubRegions } from '#shared/domain/regions';
import type {
  classificationCommandSchema,
  conflictDeclarationSchema,
  stipendCommandSchema,
  transitionCommandSchema,
} from '#shared/domain/transition-command';
import type * as z from '#shared/domain/zod';
import type { ErrorBody } from '#shared/http/error-response';
import type { ConsoleConfig } from '#shared/http/present-console-config';
import type { PresentedDetail, PresentedNomination } from '#shared/http/present-nomination';
import type { NominationPage } from '#shared/ports';
import type {
  listAnnouncements,
  previewAnnouncement,
  sendAnnouncement,
} from '#shared/use-cases/announcements';
import type { readAttendance, recordAttendance } from '#shared/use-cases/attendance';
import type { changeSettings, readSettings } from '#shared/use-cases/change-program-settings';
import type { decideInBulk, readCohort } from '#shared/use-cases/compose-cohort';
import type { readEvaluationResults } from '#shared/use-cases/evaluation';
import type { mentoringGroupsChangeSchema, readMentoringGroups } from '#shared/use-cases/mentoring-groups';
import type { erasePersonalData, exportPersonalData } from '#shared/use-cases/personal-data';
import type { readTimeline, timelineUpdateSchema, updateTimeline } from '#shared/use-cases/update-timeline';

type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** What an answer that is not a success says: `{error, message, issues?, allowedActions?}`. */
/** The console's settings, as `GET /staff/config.json` answers them. */
export type { ConsoleConfig, ErrorBody };
/** One of a 400's `issues`: a dotted path a form can point at, and a sentence. */
export type Issue = NonNullable<ErrorBody['issues']>[number];

/**
 * `GET /programs/{programId}`: the program as `publicProgram` shows it (join links left out); the
 * window's state and `timelineVersion` that the function adds are not read here.
 */
export type { Program };

/** `GET /nominations/{id}`, and a transition's `POST`: one nomination as the caller may see it. */
export type Detail = PresentedDetail;
/** Each item of `GET /programs/{programId}/nominations`. */
export type ListedNomination = PresentedNomination;
/** `GET /programs/{programId}/nominations`: a page of the listing, each nomination presented. */
export type NominationsPage = Omit<NominationPage, 'items'> & { items: ListedNomination[] };
/** `POST /nominations/{id}/transitions`. */
export type TransitionBody = z.input<typeof transitionCommandSchema>;
export type Action = TransitionBody['action'];
/** `POST /nominations/{id}/conflicts`. */
export type ConflictBody = z.input<typeof conflictDeclarationSchema>;
/** `PATCH /nominations/{id}`: a correction of its people. */
export type CorrectionBody = z.input<ReturnType<typeof correctionSchema>>;
/** `PUT /nominations/{id}/classification`. */
export type ClassificationBody = z.input<typeof classificationCommandSchema>;
/** `PUT /nominations/{id}/stipend`. */
export type StipendBody = z.input<typeof stipendCommandSchema>;

type Previewed = Extract<Answer<typeof readCohort>, { preview: unknown }>;
/** `GET /programs/{programId}/cohort`, with `preview` when decisions are considered. */
export type Cohort = Omit<Previewed, 'preview'> & Partial<Pick<Previewed, 'preview'>>;
/**
 * `GET /regions`: what a correction may name, and where the Global South list comes from; the
 * function answers these two values of shared/domain as they are.
 */
export interface Regions {
  subRegions: ReturnType<typeof allSubRegions>;
  globalSouth: typeof globalSouthSource;
}
/**
 * `POST /programs/{programId}/decisions`: each decision, and how it went. The body's schema and
 * the answer's counts are written in functions/decide-nominations.ts; the parts are the use case's.
 */
export interface DecisionsBody {
  decisions: Parameters<typeof decideInBulk>[3];
  note?: string;
}
export type BulkResult = Answer<typeof decideInBulk>[number];
export interface DecisionsAnswer {
  succeeded: number;
  failed: number;
  results: BulkResult[];
}

/** `GET` and `PUT /programs/{programId}/mentoring-groups`. */
export type GroupsRead = Answer<typeof readMentoringGroups>;
export type GroupsBody = z.input<typeof mentoringGroupsChangeSchema>;

/** `GET /programs/{programId}/attendance`, and `PUT …/attendance/{eventId}`. */
export type AttendanceRead = Answer<typeof readAttendance>;
export type RegisterBody = z.input<typeof registerChangeSchema>;
export type RegisterSaved = Answer<typeof recordAttendance>;

/** `GET` and `PUT /programs/{programId}/timeline`. */
export type TimelineRead = Answer<typeof readTimeline>;
export type TimelineBody = z.input<typeof timelineUpdateSchema>;
export type TimelineSaved = Answer<typeof updateTimeline>;

/**
 * `GET` and `PUT /programs/{programId}/settings`. The body is made field by field from the form's
 * paths (settings-view.ts), so it is not typed by the schema that parses it.
 */
export type SettingsRead = Answer<typeof readSettings>;
export type SettingsSaved = Answer<typeof changeSettings>;

/** `GET`, `POST /programs/{programId}/announcements` and `POST …/announcements/preview`. */
export type AnnouncementsRead = Answer<typeof listAnnouncements>;
export type AnnouncementBody = z.input<typeof announcementSchema>;
export type AnnouncementPreview = Answer<typeof previewAnnouncement>;
export type AnnouncementSent = Answer<typeof sendAnnouncement>;

/** `GET /programs/{programId}/evaluation`. */
export type EvaluationResults = Answer<typeof readEvaluationResults>;

/** `POST /personal-data/export` and `POST /personal-data/erase`. */
export type PersonalDataFound = Answer<typeof exportPersonalData>;
export type PersonalDataErased = Answer<typeof erasePersonalData>;
