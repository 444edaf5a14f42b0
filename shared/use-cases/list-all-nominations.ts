import type { Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import type { NominationStore } from '../ports.ts';

/** Every nomination of a program in one status (or all), following the cursor page by page. */
export const listAllNominations = async (
  store: NominationStore,
  programId: string,
  status?: NominationStatus,
) => {
  const all: Nomination[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(programId, {
      limit: 100,
      ...(status ? { status } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};
