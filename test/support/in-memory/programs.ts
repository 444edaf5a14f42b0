import { programs as definitions } from '#events/programs/index';
import { NotFoundError, VersionConflictError } from '#shared/domain/errors';
import type { Program, TimelineEvent } from '#shared/domain/program';
import type { ProgramSettings } from '#shared/domain/program-settings';
import type {
  ProgramExport,
  ProgramRepository,
  QueuedEmail,
  SettingsAudit,
  SettingsChange,
  StoredProgram,
  TimelineChange,
} from '#shared/ports';

/** A saved timeline with the program audit entry each save writes beside it. */
interface SavedTimeline {
  timeline: TimelineEvent[];
  version: number;
  audit: Omit<TimelineChange, 'programId' | 'expectedVersion'>[];
}

/**
 * DynamoDbProgramRepository without the table: programs are the definitions in code (those of
 * events/programs unless given), and a saved timeline wins over the definition's. The contract:
 * - require: NotFoundError for a program with no definition; version 0 until a timeline is saved;
 * - saveTimeline: only at `expectedVersion` (0 means nothing saved yet), else VersionConflictError;
 *   it returns the next version and keeps an audit entry;
 * - saveSettings: likewise, with its own version; settingsHistory gives its entries, newest first;
 * - recordExport: keeps the export's audit entry, unconditionally.
 */
export class InMemoryProgramRepository implements ProgramRepository {
  private readonly saved = new Map<string, SavedTimeline>();
  private readonly settings = new Map<
    string,
    { settings: ProgramSettings; version: number; audit: SettingsAudit[] }
  >();
  private readonly exportEntries: ProgramExport[] = [];

  constructor(
    private readonly programs: ReadonlyMap<string, Program> = definitions,
    /** Where a timeline change's emails go, in the same write. */
    private readonly outbox?: { insert(queued: QueuedEmail, createdAt: string): void },
  ) {}

  /** The audit entries of a program's timeline changes, oldest first. */
  timelineHistory(programId: string) {
    return structuredClone(this.saved.get(programId)?.audit ?? []);
  }

  /** The export audit entries, oldest first. */
  exports() {
    return structuredClone(this.exportEntries);
  }

  async recordExport(entry: ProgramExport) {
    this.exportEntries.push(structuredClone(entry));
  }

  async require(programId: string): Promise<StoredProgram> {
    const definition = this.programs.get(programId);
    if (!definition) throw new NotFoundError(`There is no program "${programId}"`);
    const saved = this.saved.get(programId);
    const settings = this.settings.get(programId);
    return {
      program: {
        ...definition,
        ...structuredClone(settings?.settings ?? {}),
        ...(saved ? { timeline: structuredClone(saved.timeline) } : {}),
      },
      timelineVersion: saved?.version ?? 0,
      settingsVersion: settings?.version ?? 0,
    };
  }

  async saveSettings(change: SettingsChange): Promise<number> {
    const saved = this.settings.get(change.programId);
    if ((saved?.version ?? 0) !== change.expectedVersion) {
      throw new VersionConflictError(
        `The settings were changed by someone else since version ${change.expectedVersion}; reload and try again`,
      );
    }
    const version = change.expectedVersion + 1;
    const entry: SettingsAudit = {
      at: change.at,
      actor: change.actor,
      version,
      changes: structuredClone(change.changes),
      ...(change.note ? { note: change.note } : {}),
    };
    this.settings.set(change.programId, {
      settings: structuredClone(change.settings),
      version,
      audit: [entry, ...(saved?.audit ?? [])],
    });
    return version;
  }

  async settingsHistory(programId: string): Promise<SettingsAudit[]> {
    return structuredClone(this.settings.get(programId)?.audit ?? []);
  }

  async all(): Promise<StoredProgram[]> {
    return Promise.all([...this.programs.keys()].map((id) => this.require(id)));
  }

  async saveTimeline(change: TimelineChange): Promise<number> {
    const saved = this.saved.get(change.programId);
    if ((saved?.version ?? 0) !== change.expectedVersion) {
      throw new VersionConflictError(
        `The timeline was changed by someone else since version ${change.expectedVersion}; reload and try again`,
      );
    }
    const version = change.expectedVersion + 1;
    for (const email of change.emails ?? []) this.outbox?.insert(structuredClone(email), change.at);
    const { programId: _, expectedVersion: __, emails: ___, ...entry } = structuredClone(change);
    this.saved.set(change.programId, {
      timeline: structuredClone(change.timeline),
      version,
      audit: [...(saved?.audit ?? []), entry],
    });
    return version;
  }
}
