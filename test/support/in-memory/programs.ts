import { programs as definitions } from '#events/programs/index';
import type { Announcement } from '#shared/domain/announcements';
import type { AttendanceRegister } from '#shared/domain/attendance';
import { NotFoundError, VersionConflictError } from '#shared/domain/errors';
import type { MentoringGroup } from '#shared/domain/mentoring-groups';
import type { Program, TimelineEvent } from '#shared/domain/program';
import type { ProgramSettings } from '#shared/domain/program-settings';
import type {
  AttendanceChange,
  MentoringGroupsChange,
  ProgramExport,
  ProgramRepository,
  QueuedEmail,
  SettingsAudit,
  SettingsChange,
  StoredProgram,
  TimelineChange,
} from '#shared/ports';

/** One of a program's stored parts (timeline, settings, groups): its value, version and audit entries, oldest first. */
interface Saved<T, A> {
  value: T;
  version: number;
  audit: A[];
}

/** The change of a stored part as its audit entry keeps it. */
type Entry<C> = Omit<C, 'programId' | 'expectedVersion' | 'emails'>;

/**
 * DynamoDbProgramRepository without the table: programs are the definitions in code (those of
 * events/programs unless given), and what is saved wins over the definition's. The contract:
 * - require: NotFoundError for a program with no definition; each version 0 until its part is saved;
 * - saveTimeline, saveSettings, saveMentoringGroups: only at `expectedVersion` (0 means nothing
 *   saved yet), else VersionConflictError; each returns the next version, keeps an audit entry
 *   and puts its emails in the outbox in the same write;
 * - settingsHistory gives the settings' entries, newest first;
 * - recordExport: keeps the export's audit entry, unconditionally;
 * - recordAnnouncement: keeps one announcement per id, giving back the one kept when the id is taken.
 */
export class InMemoryProgramRepository implements ProgramRepository {
  private readonly timelines = new Map<string, Saved<TimelineEvent[], Entry<TimelineChange>>>();
  private readonly settings = new Map<string, Saved<ProgramSettings, SettingsAudit>>();
  private readonly groups = new Map<string, Saved<MentoringGroup[], Entry<MentoringGroupsChange>>>();
  private readonly exportEntries: ProgramExport[] = [];
  private readonly announced = new Map<string, Announcement>();
  private readonly registers = new Map<string, Saved<AttendanceRegister['marks'], Entry<AttendanceChange>>>();

  constructor(
    private readonly programs: ReadonlyMap<string, Program> = definitions,
    /** Where a change's emails go, in the same write. */
    private readonly outbox?: { insert(queued: QueuedEmail, createdAt: string): void },
  ) {}

  /** The audit entries of a program's timeline changes, oldest first. */
  timelineHistory(programId: string) {
    return structuredClone(this.timelines.get(programId)?.audit ?? []);
  }

  /** The audit entries of a program's changes of its mentoring groups, oldest first. */
  mentoringGroupsHistory(programId: string) {
    return structuredClone(this.groups.get(programId)?.audit ?? []);
  }

  /** The export audit entries, oldest first. */
  exports() {
    return structuredClone(this.exportEntries);
  }

  async recordExport(entry: ProgramExport) {
    this.exportEntries.push(structuredClone(entry));
  }

  async recordAnnouncement(announcement: Announcement) {
    const key = `${announcement.programId}/${announcement.id}`;
    const recorded = this.announced.get(key);
    if (recorded) return structuredClone(recorded);
    this.announced.set(key, structuredClone(announcement));
    return undefined;
  }

  async attendance(programId: string): Promise<AttendanceRegister[]> {
    const prefix = `${programId}/`;
    return [...this.registers.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, saved]) => ({
        eventId: key.slice(prefix.length),
        marks: structuredClone(saved.value),
        version: saved.version,
      }));
  }

  async saveAttendance(change: AttendanceChange): Promise<number> {
    return this.save(
      this.registers,
      { ...change, programId: `${change.programId}/${change.eventId}` },
      change.marks,
      () => entryOf(change),
      `The register of "${change.eventId}" was`,
    );
  }

  async announcements(programId: string) {
    return structuredClone([...this.announced.values()].filter((a) => a.programId === programId)).sort(
      (a, b) => b.sentAt.localeCompare(a.sentAt),
    );
  }

  async require(programId: string): Promise<StoredProgram> {
    const definition = this.programs.get(programId);
    if (!definition) throw new NotFoundError(`There is no program "${programId}"`);
    const timeline = this.timelines.get(programId);
    const settings = this.settings.get(programId);
    const groups = this.groups.get(programId);
    return {
      program: {
        ...definition,
        ...structuredClone(settings?.value ?? {}),
        ...(timeline ? { timeline: structuredClone(timeline.value) } : {}),
        ...(groups ? { mentoringGroups: structuredClone(groups.value) } : {}),
      },
      timelineVersion: timeline?.version ?? 0,
      settingsVersion: settings?.version ?? 0,
      groupsVersion: groups?.version ?? 0,
    };
  }

  /** The one versioned save of each stored part. */
  private save<T, A>(
    store: Map<string, Saved<T, A>>,
    change: { programId: string; expectedVersion: number; at: string; emails?: QueuedEmail[] },
    value: T,
    entry: (version: number) => A,
    what: string,
  ): number {
    const saved = store.get(change.programId);
    if ((saved?.version ?? 0) !== change.expectedVersion) {
      throw new VersionConflictError(
        `${what} changed by someone else since version ${change.expectedVersion}; reload and try again`,
      );
    }
    const version = change.expectedVersion + 1;
    for (const email of change.emails ?? []) this.outbox?.insert(structuredClone(email), change.at);
    store.set(change.programId, {
      value: structuredClone(value),
      version,
      audit: [...(saved?.audit ?? []), entry(version)],
    });
    return version;
  }

  async saveSettings(change: SettingsChange): Promise<number> {
    return this.save(
      this.settings,
      change,
      change.settings,
      (version) => ({
        at: change.at,
        actor: change.actor,
        version,
        changes: structuredClone(change.changes),
        ...(change.note ? { note: change.note } : {}),
      }),
      'The settings were',
    );
  }

  async settingsHistory(programId: string): Promise<SettingsAudit[]> {
    return structuredClone(this.settings.get(programId)?.audit ?? []).reverse();
  }

  async all(): Promise<StoredProgram[]> {
    return Promise.all([...this.programs.keys()].map((id) => this.require(id)));
  }

  async saveTimeline(change: TimelineChange): Promise<number> {
    return this.save(this.timelines, change, change.timeline, () => entryOf(change), 'The timeline was');
  }

  async saveMentoringGroups(change: MentoringGroupsChange): Promise<number> {
    return this.save(this.groups, change, change.groups, () => entryOf(change), 'The mentoring groups were');
  }
}

const entryOf = <C extends { programId: string; expectedVersion: number; emails?: QueuedEmail[] }>(
  change: C,
): Entry<C> => {
  const { programId: _, expectedVersion: __, emails: ___, ...entry } = structuredClone(change);
  return entry;
};
