import { programs as definitions } from '#events/programs/index';
import { NotFoundError, VersionConflictError } from '#shared/domain/errors';
import type { Program, TimelineEvent } from '#shared/domain/program';
import type { ProgramExport, ProgramRepository, StoredProgram, TimelineChange } from '#shared/ports';

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
 * - recordExport: keeps the export's audit entry, unconditionally.
 */
export class InMemoryProgramRepository implements ProgramRepository {
  private readonly saved = new Map<string, SavedTimeline>();
  private readonly exportEntries: ProgramExport[] = [];

  constructor(private readonly programs: ReadonlyMap<string, Program> = definitions) {}

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
    if (!saved) return { program: definition, timelineVersion: 0 };
    return {
      program: { ...definition, timeline: structuredClone(saved.timeline) },
      timelineVersion: saved.version,
    };
  }

  async all(): Promise<StoredProgram[]> {
    return Promise.all([...this.programs.keys()].map((id) => this.require(id)));
  }

  async saveTimeline(change: TimelineChange): Promise<number> {
    const saved = this.saved.get(change.programId);
    if ((saved?.version ?? 0) !== change.expectedVersion) {
      throw new VersionConflictError(
        `The timeline was changed by someone else since version ${change.expectedVersion}; reload it and try again`,
      );
    }
    const version = change.expectedVersion + 1;
    const { programId: _, expectedVersion: __, ...entry } = structuredClone(change);
    this.saved.set(change.programId, {
      timeline: structuredClone(change.timeline),
      version,
      audit: [...(saved?.audit ?? []), entry],
    });
    return version;
  }
}
