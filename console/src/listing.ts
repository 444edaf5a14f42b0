import type { Api } from './api.ts';
import type { NominationsPage, Program } from './contract.ts';
import { countryName } from './ui.tsx';
import { type Row, toRow } from './view.ts';

export interface Loaded {
  rows: Row[];
  program: Program;
}

/** The listing of the last visit, shown at once on coming back while it is read again. */
export let lastLoaded: Loaded | undefined;

/** The program's labels and every nomination of it, through the listing's cursor. */
export const loadAll = async (api: Api, programId: string): Promise<Loaded> => {
  const program = await api.get<Program>(`/programs/${encodeURIComponent(programId)}`);
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await api.get<NominationsPage>(
      `/programs/${encodeURIComponent(programId)}/nominations?${query}`,
    );
    for (const item of page.items) rows.push(toRow(item, countryName));
    cursor = page.cursor;
  } while (cursor);
  lastLoaded = { rows, program };
  return lastLoaded;
};
