import type { Announcement } from './domain/announcements.ts';
import type { AttendanceRegister } from './domain/attendance.ts';
import type { EvaluationResponse } from './domain/evaluation.ts';
import type { DeliveryEvent, DeliveryEventType, UndeliverableAddress } from './domain/mail-delivery.ts';
import type { MentoringGroup } from './domain/mentoring-groups.ts';
import type { Nomination } from './domain/nomination.ts';
import type { NominationAction, NominationStatus } from './domain/nomination-states.ts';
import type { LinkPurpose, NominatorLink } from './domain/nominator-links.ts';
import type { Program, TimelineEvent } from './domain/program.ts';
import type { ProgramSettings } from './domain/program-settings.ts';
import type { Review } from './domain/reviews.ts';
import type { EmailKind, EmailMessage } from './email/templates.ts';

/** The ports the use cases need. Adapters in shared/adapters implement them. */

export interface Clock {
  now(): Date;
}

/** What an audit entry records: a transition, the submission, or a change that keeps the status. */
export type AuditAction =
  | NominationAction
  | 'submit'
  | 'declare-conflict'
  | 'correct'
  | 'resend-email'
  /** A participant's travel stipend decided; organizers' corrections of region or Global South. */
  | 'award-stipend'
  | 'classify'
  /** An email queued for the nomination outside a transition (the late-decision notice). */
  | 'notice'
  /** The participant replaced their calendar feed's address: the old one stops working. */
  | 'renew-calendar-feed'
  /** The certificate made again (after a name correction) and mailed. */
  | 'reissue-certificate'
  /** The nomination's personal data got its lifetime (the participants', at the certificates). */
  | 'set-retention'
  /** What the mail service reported of one of its emails (recorded without changing its version). */
  | `email-${DeliveryEventType}`;

export interface AuditEntry {
  at: string;
  actor: string;
  /** The actor's `sub` (staff) or system name: what identifies them when the address changes. */
  actorId?: string;
  action: AuditAction;
  from: NominationStatus | null;
  to: NominationStatus;
  version: number;
  note?: string;
  score?: number;
  /** For a correction: the corrected fields as they were and as they are. */
  changes?: { before: Record<string, unknown>; after: Record<string, unknown> };
  /** For a reserve: the rank given. */
  rank?: number;
  /** For a resend: the key of the email queued again, and the copy's. */
  emailKey?: string;
  resentAs?: string;
  /** For an email event: who it concerned. */
  recipients?: string[];
}

/** An email to write to the outbox. `key` is unique per nomination: the same key is never sent twice. */
export interface OutboxEmail extends EmailMessage {
  key: string;
  kind: EmailKind;
}

/**
 * `failed`: refused for good or out of attempts (the organizers were alerted once);
 * `suppressed`: not sent, every recipient having complained, and the kind not essential.
 */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

export interface EmailRecord {
  key: string;
  kind: EmailKind;
  to: string[];
  cc: string[];
  subject: string;
  status: EmailStatus;
  createdAt: string;
  attempts: number;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  failedAt?: string;
  /** Recipients left out because they complained (a non-essential kind). */
  withheld?: string[];
  /** The last of what the mail service reported after sending: delivered, bounced, complained, rejected. */
  delivery?: DeliveryEventType;
  /** Each report, in the order received, with its time and the service's diagnostic. */
  deliveryEvents?: Omit<DeliveryEvent, 'ref'>[];
}

export interface NominationDetail {
  nomination: Nomination;
  history: AuditEntry[];
  emails: EmailRecord[];
  /** One per reviewer, their latest. */
  reviews: Review[];
}

export interface NominationPage {
  items: Nomination[];
  cursor?: string;
}

export interface TransitionWrite {
  before: Nomination;
  after: Nomination;
  audit: AuditEntry;
  emails: OutboxEmail[];
  /** +1 takes one of the program's places, -1 gives one back; refused past `capacity`. */
  placeDelta: -1 | 0 | 1;
  capacity: number;
  /** +1 awards one of the program's travel stipends, -1 gives one back; refused past `stipendLimit`. */
  stipendDelta?: -1 | 0 | 1;
  stipendLimit?: number;
  /**
   * The nomination's reserve rank changes: it gives `from` back and takes `to`, which no other
   * nomination of the program may hold (RankTakenError).
   */
  rankChange?: { from?: number | undefined; to?: number | undefined };
  /** A review to store as its reviewer's one review, replacing their earlier one. */
  review?: Review;
  /**
   * A new candidate address: the duplicate guard moves from the old address to the new one;
   * DuplicateNominationError when the new one is already nominated.
   */
  guardMove?: { from: string; to: string };
  /**
   * On confirmation: the nomination takes the guard on its candidate's address;
   * DuplicateNominationError (naming the holder) when another nomination holds it.
   */
  guardTake?: string;
  /** On withdrawal: the nomination gives the guard on this address back, if it holds it. */
  guardRelease?: string;
}

/**
 * A limit a submission counts against, in its own write: the counter `key` for the current
 * window may reach `limit`; past it the submission is refused with `refusal`, nothing written.
 */
export interface SubmissionCounter {
  key: string;
  limit: number;
  /** When the window's counter may be deleted. */
  expiresAt: Date;
  refusal: string;
}

/** Signs and reads the nominator's private links. */
export interface LinkSigner {
  sign(link: NominatorLink): Promise<string>;
  /** InvalidLinkError for a link we did not sign or for another purpose; ExpiredLinkError past its time. */
  verify(token: string, purpose: LinkPurpose): Promise<NominatorLink>;
}

export interface NominationStore {
  /**
   * Stores a new nomination, its first audit entry and emails atomically, counting it against
   * `counters` (TooManySubmissionsError past one). An unconfirmed nomination is stored unlisted
   * and takes no guard; any other takes the guard on its candidate's address
   * (DuplicateNominationError when it is held).
   */
  create(
    nomination: Nomination,
    audit: AuditEntry,
    emails: OutboxEmail[],
    counters?: readonly SubmissionCounter[],
  ): Promise<void>;
  get(id: string): Promise<Nomination | undefined>;
  getDetail(id: string): Promise<NominationDetail | undefined>;
  list(
    programId: string,
    query: { status?: NominationStatus; limit: number; cursor?: string },
  ): Promise<NominationPage>;
  /**
   * Applies any change of a nomination (a transition, a review, a declaration, a correction, a
   * resend) with its audit entry, only if the nomination is still at `before.version`:
   * VersionConflictError, CapacityReachedError or DuplicateNominationError otherwise.
   */
  applyTransition(write: TransitionWrite): Promise<void>;
  /** The reviews of a nomination, one per reviewer. */
  reviewsOf(id: string): Promise<Review[]>;
  /** One reviewer's review of a nomination, if they gave one. */
  reviewBy(id: string, reviewer: string): Promise<Review | undefined>;
  /** The reserve ranks taken in a program, read consistently (not through the listing index). */
  takenRanks(programId: string): Promise<number[]>;
  /** An outbox email of a nomination as queued, body included. */
  getEmail(id: string, key: string): Promise<OutboxEmail | undefined>;
}

/** An outbox email claimed for sending; `claim` is what proves we hold it. */
export interface ClaimedEmail {
  ref: string;
  claim: string;
  message: EmailMessage;
  attempts: number;
  kind: EmailKind;
  programId: string;
  nominationId?: string;
}

export type ClaimResult =
  | { outcome: 'claimed'; email: ClaimedEmail }
  | { outcome: 'sent' }
  /** Another sender holds a live claim until `until`. */
  | { outcome: 'leased'; until: string };

export interface Outbox {
  /** Takes the email for sending unless it was sent or another sender holds a live claim. */
  claim(ref: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  /** `withheld`: recipients left out because they complained. */
  markSent(email: ClaimedEmail, messageId: string, now: Date, withheld?: string[]): Promise<void>;
  /** Gives the email back after a failed send; it counts as unsent since `failedAt`. */
  release(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void>;
  /**
   * References of the emails not yet sent whose last try (or queuing, if never tried) was before
   * `before`, the longest waiting first.
   */
  listUnsent(before: Date, limit: number): Promise<string[]>;
  /**
   * The email will not be sent: refused for good or out of attempts. It leaves the unsent queue,
   * and `alert` (the organizers' one notice of it) is queued in the same write.
   */
  fail(email: ClaimedEmail, reason: string, failedAt: Date, alert?: QueuedEmail): Promise<void>;
  /**
   * After a send whose outcome is unknown: the error is recorded, the claim kept until its lease
   * runs out, so no retry sends it again before then.
   */
  hold(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void>;
  /** Marks it not sent on purpose: every recipient complained and the kind is not essential. */
  suppress(email: ClaimedEmail, withheld: string[], at: Date): Promise<void>;
}

/** Addresses that complained about our mail (see `mailClass`). */
export interface ComplaintRegistry {
  /** Those of `addresses` that complained, as given. */
  complainedOf(addresses: string[]): Promise<string[]>;
}

/** Where the mail service's reports on sent emails are written. */
export interface DeliveryLog {
  /**
   * Records the event on its email, on its nomination's history (with `audit`), a permanent
   * bounce of the nomination's addresses on the nomination (`undeliverable`) and a complaint on
   * each address, in one write. False when it was recorded before (same event id) or the email
   * is not in the outbox.
   */
  record(write: DeliveryWrite): Promise<boolean>;
  /** The email the event is about, as the outbox holds it; undefined if there is none. */
  emailOf(
    ref: string,
  ): Promise<{ programId: string; nominationId?: string; key: string; kind: EmailKind } | undefined>;
}

export interface DeliveryWrite {
  event: DeliveryEvent;
  nominationId?: string;
  audit?: AuditEntry;
  undeliverable: UndeliverableAddress[];
  complained: string[];
}

export interface EmailSender {
  /** `ref` is the outbox reference, tagged on the message so the mail service's reports name it. */
  send(message: EmailMessage, ref?: string): Promise<{ messageId: string }>;
}

/** A one-time schedule as the sync compares it: everything that decides what fires, when, and where. */
export interface ScheduleDefinition {
  group: string;
  name: string;
  /** "at(2024-04-02T09:00:00)" */
  expression: string;
  timeZone: string;
  /** The JSON the target receives. */
  input: string;
  target: ScheduleTarget;
}

export interface ScheduleTarget {
  functionArn: string;
  roleArn: string;
  deadLetterArn: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
}

/** EventBridge Scheduler, as much of it as the sync needs. */
export interface ScheduleRegistry {
  ensureGroup(group: string): Promise<void>;
  names(group: string): Promise<string[]>;
  get(group: string, name: string): Promise<ScheduleDefinition | undefined>;
  create(definition: ScheduleDefinition): Promise<void>;
  update(definition: ScheduleDefinition): Promise<void>;
  delete(group: string, name: string): Promise<void>;
}

/** A program as it stands: its definition with the timeline organizers last saved. */
export interface StoredProgram {
  program: Program;
  /** 0 while the timeline is the definition's own; +1 with each saved change. */
  timelineVersion: number;
  /** Likewise for the other settings organizers change (program-settings.ts). */
  settingsVersion: number;
  /** Likewise for the mentoring groups (mentoring-groups.ts). */
  groupsVersion: number;
}

/**
 * The SEQUENCE of the calendar entries sent now: it goes up with every change of the timeline and
 * of the groups (which decide whose calendar holds a group's sessions), so a calendar always
 * takes the newest entry over the one it has.
 */
export const calendarVersion = (stored: Pick<StoredProgram, 'timelineVersion' | 'groupsVersion'>) =>
  stored.timelineVersion + stored.groupsVersion;

export interface SettingsChange {
  programId: string;
  /** The settings as they now are, all of them. */
  settings: ProgramSettings;
  /** What changed: each changed setting as it was and as it is. */
  changes: { before: Partial<ProgramSettings>; after: Partial<ProgramSettings> };
  expectedVersion: number;
  actor: string;
  at: string;
  note?: string;
}

/** One saved change of a program's settings, as the history shows it. */
export type SettingsAudit = Omit<SettingsChange, 'programId' | 'expectedVersion' | 'settings'> & {
  version: number;
};

export interface AttendanceChange {
  programId: string;
  eventId: string;
  marks: AttendanceRegister['marks'];
  expectedVersion: number;
  actor: string;
  at: string;
  note?: string;
}

export interface MentoringGroupsChange {
  programId: string;
  groups: MentoringGroup[];
  /** What the participants concerned are told, written in the same transaction. */
  emails?: QueuedEmail[];
  expectedVersion: number;
  actor: string;
  at: string;
  note?: string;
}

export interface TimelineChange {
  programId: string;
  timeline: TimelineEvent[];
  /** What participants are told of it ("changed", "cancelled"), written in the same transaction. */
  emails?: QueuedEmail[];
  expectedVersion: number;
  actor: string;
  at: string;
  note?: string;
}

/**
 * The one way to a program, for every use case and page: its definition with what organizers
 * have changed. Whether it is cached is the wiring's choice.
 */
export interface ProgramRepository {
  /** The program as it stands; NotFoundError when there is none. */
  require(programId: string): Promise<StoredProgram>;
  /** Every program the system serves. */
  all(): Promise<StoredProgram[]>;
  /** Saves the timeline if it is still at `expectedVersion` (VersionConflictError otherwise), with an audit entry. */
  saveTimeline(change: TimelineChange): Promise<number>;
  /** Saves the settings if still at `expectedVersion` (VersionConflictError otherwise), with an audit entry. */
  saveSettings(change: SettingsChange): Promise<number>;
  /** Saves the mentoring groups if still at `expectedVersion` (VersionConflictError otherwise), with an audit entry. */
  saveMentoringGroups(change: MentoringGroupsChange): Promise<number>;
  /** The saved changes of a program's settings, newest first. */
  settingsHistory(programId: string): Promise<SettingsAudit[]>;
  /** Records on the program who exported its nominations, and when. */
  recordExport(entry: ProgramExport): Promise<void>;
  /**
   * Records an announcement unless one with its id is recorded already: then nothing is written
   * and that one is given back.
   */
  recordAnnouncement(announcement: Announcement): Promise<Announcement | undefined>;
  /** The program's announcements, newest first. */
  announcements(programId: string): Promise<Announcement[]>;
  /** Every register of the program's meetings and sessions kept so far. */
  attendance(programId: string): Promise<AttendanceRegister[]>;
  /** Saves a meeting's register if still at `expectedVersion` (VersionConflictError otherwise), with an audit entry. */
  saveAttendance(change: AttendanceChange): Promise<number>;
}

export interface ProgramExport {
  programId: string;
  /** The exporter as the audit trail names them, and their sub. */
  actor: string;
  actorId: string;
  at: string;
  nominations: number;
}

/** What is stored of one nomination where an address is the candidate's or the nominator's. */
export interface PersonalRecord {
  roles: ('candidate' | 'nominator')[];
  nomination: Nomination;
  history: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  /** The outbox items as stored: bodies and attachments while unsent, the record after. */
  emails: Record<string, unknown>[];
}

/** That an export or erasure happened, by whom and how much: never for whom. */
export interface PrivacyAudit {
  action: 'export-personal-data' | 'erase-personal-data';
  at: string;
  actor: string;
  actorId: string;
  nominations: number;
  items?: number;
}

export interface PersonalDataStore {
  /** Every nomination the address is in, found through its address items. */
  find(email: string): Promise<PersonalRecord[]>;
  /** Deletes every item of these nominations and records the erasure; says how many items went. */
  erase(records: PersonalRecord[], audit: PrivacyAudit): Promise<number>;
  /** Records an export. */
  record(audit: PrivacyAudit): Promise<void>;
}

/** A participant's answers to the evaluation, one response each, changed at its version. */
export interface EvaluationStore {
  get(nominationId: string): Promise<EvaluationResponse | undefined>;
  /** Saves the response if still at `expectedVersion` (0: none yet), else VersionConflictError; gives the new version. */
  save(response: Omit<EvaluationResponse, 'version'>, expectedVersion: number): Promise<number>;
}

/** An email queued outside a state change: for a nomination's participant, or for the organizers. */
export interface QueuedEmail {
  programId: string;
  /** Set for emails to a participant: the email is filed with their nomination. */
  nominationId?: string;
  email: OutboxEmail;
}

export interface EmailQueue {
  /** Writes each email unless its key is already in the outbox; says how many were new. */
  enqueue(emails: QueuedEmail[], now: Date): Promise<{ queued: number; alreadyQueued: number }>;
}
