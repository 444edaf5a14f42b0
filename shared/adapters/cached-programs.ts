import type { ProgramRepository, StoredProgram } from '../ports.ts';

/** Keeps each program for `ttlMs` in this process: request paths read it on every call. */
export const cachedPrograms = (
  inner: ProgramRepository,
  ttlMs: number,
  now = () => Date.now(),
): ProgramRepository & { forget(): void } => {
  const cache = new Map<string, { at: number; value: StoredProgram }>();
  let list: { at: number; value: StoredProgram[] } | undefined;
  /** A save forgets what this process holds of the program, so its next read is the saved one. */
  const saving =
    <C extends { programId: string }>(save: (change: C) => Promise<number>) =>
    (change: C) => {
      cache.delete(change.programId);
      list = undefined;
      return save(change);
    };
  return {
    /** Drops everything held, as a new instance starts with nothing. */
    forget: () => {
      cache.clear();
      list = undefined;
    },
    require: async (programId) => {
      const hit = cache.get(programId);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = await inner.require(programId);
      cache.set(programId, { at: now(), value });
      return value;
    },
    all: async () => {
      if (list && now() - list.at < ttlMs) return list.value;
      list = { at: now(), value: await inner.all() };
      return list.value;
    },
    saveTimeline: saving((change) => inner.saveTimeline(change)),
    saveSettings: saving((change) => inner.saveSettings(change)),
    saveMentoringGroups: saving((change) => inner.saveMentoringGroups(change)),
    settingsHistory: (programId) => inner.settingsHistory(programId),
    recordExport: (entry) => inner.recordExport(entry),
    recordAnnouncement: (announcement) => inner.recordAnnouncement(announcement),
    announcements: (programId) => inner.announcements(programId),
    attendance: (programId) => inner.attendance(programId),
    saveAttendance: (change) => inner.saveAttendance(change),
  };
};
