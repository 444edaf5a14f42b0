import { globalSouthByData } from './global-south.ts';
import type { Nomination } from './nomination.ts';
import { holdsPlace } from './nomination-states.ts';
import { type Region, regionOf, subRegionByCode } from './regions.ts';

/** Where the nomination's library is, as organizers may have corrected it. */
export const regionFor = (n: Nomination): Region | null =>
  (n.classification?.subRegion ? subRegionByCode(n.classification.subRegion) : null) ??
  regionOf(n.library.country);

/** Whether its country counts as Global South for stipends: the data file, or the organizers' override. */
export const globalSouthFor = (n: Nomination): boolean =>
  n.classification?.globalSouth ?? globalSouthByData(n.library.country);

/** A participant with an awarded stipend: what the program's stipend counter counts. */
export const holdsStipend = (n: Pick<Nomination, 'status' | 'decision' | 'stipend'>): boolean =>
  holdsPlace(n) && n.stipend?.award === 'awarded';

/** +1 when a change takes one of the program's stipends, -1 when it gives one back. */
export const stipendDelta = (before: Nomination, after: Nomination): -1 | 0 | 1 =>
  (Number(holdsStipend(after)) - Number(holdsStipend(before))) as -1 | 0 | 1;
