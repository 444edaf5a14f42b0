import type { Announcement } from '../domain/announcements.ts';
import type { AttendanceRegister } from '../domain/attendance.ts';
import type { MentoringGroup } from '../domain/mentoring-groups.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import type { ProgramSettings } from '../domain/program-settings.ts';
import type { QueuedEmail } from './email-queue.ts';

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
