import type { ExportedNomination } from '../documents/nominations-csv.ts';
import { type Actor, actorName } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { seesReviews } from '../domain/reviews.ts';
import type { Clock, NominationStore, ProgramRepository } from '../ports.ts';
import { listAllNominations } from './list-all-nominations.ts';

export interface ExportDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
}

/** Reviews read at once: a few hundred nominations in seconds, without a burst at the table. */
const concurrency = 8;

/**
 * Every nomination of a program with its reviews, for organizers (403 otherwise): all pages of the
 * program index (no Scan), then each nomination's reviews, except those of a nomination the
 * organizer declared a conflict of interest with, which are withheld (not even read). The export
 * is recorded on the program (who, when, how many) before anything is handed out.
 */
export const exportNominations = async (
  deps: ExportDeps,
  actor: Actor,
  programId: string,
): Promise<{ programId: string; entries: ExportedNomination[] }> => {
  authorize(actor, 'export-nominations', { programId });
  const { program } = await deps.programs.require(programId);
  const nominations = await listAllNominations(deps.nominations, program.id);
  const entries: ExportedNomination[] = [];
  for (let i = 0; i < nominations.length; i += concurrency) {
    const batch = nominations.slice(i, i + concurrency);
    const reviews = await Promise.all(
      batch.map((n) => (seesReviews(actor, n) ? deps.nominations.reviewsOf(n.id) : undefined)),
    );
    entries.push(
      ...batch.map((nomination, j) => {
        const shown = reviews[j];
        return shown ? { nomination, reviews: shown } : { nomination, reviews: [], reviewsWithheld: true };
      }),
    );
  }
  await deps.programs.recordExport({
    programId: program.id,
    actor: actorName(actor),
    actorId: actor.id,
    at: deps.clock.now().toISOString(),
    nominations: entries.length,
  });
  return { programId: program.id, entries };
};
