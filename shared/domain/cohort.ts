import { countryName } from './countries.ts';
import { InvalidTransitionError } from './errors.ts';
import { globalSouthByData } from './global-south.ts';
import type { Nomination } from './nomination.ts';
import { holdsPlace, nextState, onReserveList } from './nomination-states.ts';
import type { Program } from './program.ts';
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

/**
 * Still in the running: confirmed, not a duplicate, not withdrawn, and neither a participant nor
 * told "not selected". A region or project type with such nominations and no participant is
 * something a selection committee could still change.
 */
const inTheRunning = (n: Nomination) =>
  !n.duplicateOf &&
  !holdsPlace(n) &&
  n.status !== 'withdrawn' &&
  n.status !== 'unconfirmed' &&
  !(n.status === 'notified' && n.decision === 'not_selected');

export interface Tally {
  key: string;
  label: string;
  count: number;
}

export interface RegionTally extends Tally {
  subRegions: Tally[];
}

export interface CohortWarning {
  code:
    | 'below-minimum'
    | 'same-city'
    | 'same-library'
    | 'region-without-participant'
    | 'project-type-without-participant'
    | 'stipends-below-minimum'
    | 'stipend-undecided';
  message: string;
  /** The nominations it is about. */
  nominationIds: string[];
}

export interface CohortParticipant {
  id: string;
  status: Nomination['status'];
  name: string;
  library: string;
  city: string;
  country: string;
  region: Region | null;
  projectType: string;
  themes: string[];
  stipend: { requested: boolean; eligible: boolean; award: Nomination['stipend'] | null };
}

export interface Composition {
  programId: string;
  places: { taken: number; min: number; max: number };
  participants: CohortParticipant[];
  byRegion: RegionTally[];
  byCountry: Tally[];
  byCity: Tally[];
  byProjectType: Tally[];
  byTheme: Tally[];
  stipends: {
    min: number;
    max: number;
    requested: number;
    eligible: number;
    awarded: number;
    declined: number;
    notAwarded: number;
  };
  /** The reserve list in rank order. */
  reserve: { id: string; rank: number | null; name: string; country: string; told: boolean }[];
  /** Nominations nobody has decided yet (submitted or reviewed). */
  undecided: number;
  warnings: CohortWarning[];
}

const tally = (entries: { key: string; label: string }[]): Tally[] => {
  const counts = new Map<string, Tally>();
  for (const { key, label } of entries) {
    const found = counts.get(key) ?? { key, label, count: 0 };
    found.count += 1;
    counts.set(key, found);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
};

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

const cityKey = (n: Nomination) => `${n.library.country}#${fold(n.library.city)}`;
const cityLabel = (n: Nomination) => `${n.library.city.trim()}, ${countryName(n.library.country)}`;
const labelOf = (options: readonly { slug: string; label: string }[], slug: string) =>
  options.find((o) => o.slug === slug)?.label ?? slug;

/** Groups of two or more participants sharing a key. */
const sharing = (people: Nomination[], key: (n: Nomination) => string) => {
  const groups = new Map<string, Nomination[]>();
  for (const n of people) groups.set(key(n), [...(groups.get(key(n)) ?? []), n]);
  return [...groups.values()].filter((g) => g.length > 1);
};

const names = (group: Nomination[]) => group.map((n) => n.candidate.name).join(', ');

const warningsOf = (program: Program, participants: Nomination[], all: Nomination[]) => {
  const warnings: CohortWarning[] = [];
  const ids = (group: Nomination[]) => group.map((n) => n.id);
  if (participants.length < program.capacity.min) {
    warnings.push({
      code: 'below-minimum',
      message: `${participants.length} of at least ${program.capacity.min} places are taken`,
      nominationIds: [],
    });
  }
  for (const group of sharing(participants, cityKey)) {
    warnings.push({
      code: 'same-city',
      message: `${group.length} participants come from ${cityLabel(group[0] as Nomination)}: ${names(group)}`,
      nominationIds: ids(group),
    });
  }
  for (const group of sharing(participants, (n) => `${cityKey(n)}#${fold(n.library.name)}`)) {
    warnings.push({
      code: 'same-library',
      message: `${group.length} participants come from ${(group[0] as Nomination).library.name.trim()}: ${names(group)}`,
      nominationIds: ids(group),
    });
  }
  const running = all.filter(inTheRunning);
  const placedRegions = new Set(participants.map((n) => regionFor(n)?.code));
  const waiting = new Map<string, Nomination[]>();
  for (const n of running) {
    const region = regionFor(n);
    if (region && !placedRegions.has(region.code))
      waiting.set(region.name, [...(waiting.get(region.name) ?? []), n]);
  }
  for (const [region, group] of [...waiting].sort(([a], [b]) => a.localeCompare(b))) {
    warnings.push({
      code: 'region-without-participant',
      message: `${region} has ${group.length} nomination${group.length === 1 ? '' : 's'} in the running and no participant`,
      nominationIds: ids(group),
    });
  }
  const placedTypes = new Set(participants.map((n) => n.project.type));
  for (const type of program.projectTypes) {
    const group = running.filter((n) => n.project.type === type.slug);
    if (placedTypes.has(type.slug) || group.length === 0) continue;
    warnings.push({
      code: 'project-type-without-participant',
      message: `No participant has a project of the type “${type.label}” (${group.length} in the running)`,
      nominationIds: ids(group),
    });
  }
  const awarded = participants.filter(holdsStipend).length;
  const hoping = participants.filter((n) => n.travel.conditionalOnStipend && globalSouthFor(n));
  if (awarded < program.travelStipends.min && hoping.length > 0) {
    warnings.push({
      code: 'stipends-below-minimum',
      message: `${awarded} travel stipend${awarded === 1 ? '' : 's'} awarded; the program offers ${program.travelStipends.min} to ${program.travelStipends.max}`,
      nominationIds: ids(hoping),
    });
  }
  const undecided = hoping.filter((n) => !n.stipend);
  if (undecided.length > 0) {
    warnings.push({
      code: 'stipend-undecided',
      message: `${undecided.length} eligible participant${undecided.length === 1 ? '' : 's'} whose participation depends on a stipend ${undecided.length === 1 ? 'has' : 'have'} no stipend decision: ${names(undecided)}`,
      nominationIds: ids(undecided),
    });
  }
  return warnings;
};

/**
 * The cohort as it stands, from every listed nomination of the program: places, who the
 * participants are and where from, stipends and the reserve list, and what a selection committee
 * would want to be warned of (docs/cohort.md).
 */
export const composeCohort = (program: Program, all: Nomination[]): Composition => {
  const participants = all.filter(holdsPlace);
  const regions = new Map<string, { label: string; members: Nomination[] }>();
  for (const n of participants) {
    const region = regionFor(n);
    const key = region?.code ?? 'none';
    const entry = regions.get(key) ?? { label: region?.name ?? 'No region', members: [] };
    entry.members.push(n);
    regions.set(key, entry);
  }
  const byRegion = [...regions]
    .map(([key, { label, members }]) => ({
      key,
      label,
      count: members.length,
      subRegions: tally(
        members.map((n) => {
          const sub = regionFor(n)?.subRegion;
          return { key: sub?.code ?? 'none', label: sub?.name ?? 'No sub-region' };
        }),
      ),
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const reserve = all
    .filter((n) => onReserveList(n))
    .sort((a, b) => (a.reserveRank ?? Infinity) - (b.reserveRank ?? Infinity))
    .map((n) => ({
      id: n.id,
      rank: n.reserveRank ?? null,
      name: n.candidate.name,
      country: n.library.country,
      told: n.status === 'notified',
    }));
  return {
    programId: program.id,
    places: { taken: participants.length, min: program.capacity.min, max: program.capacity.max },
    participants: participants.map((n) => ({
      id: n.id,
      status: n.status,
      name: n.candidate.name,
      library: n.library.name,
      city: n.library.city,
      country: n.library.country,
      region: regionFor(n),
      projectType: n.project.type,
      themes: n.themes,
      stipend: {
        requested: n.travel.conditionalOnStipend,
        eligible: globalSouthFor(n),
        award: n.stipend ?? null,
      },
    })),
    byRegion,
    byCountry: tally(
      participants.map((n) => ({ key: n.library.country, label: countryName(n.library.country) })),
    ),
    byCity: tally(participants.map((n) => ({ key: cityKey(n), label: cityLabel(n) }))),
    byProjectType: tally(
      participants.map((n) => ({
        key: n.project.type,
        label: labelOf(program.projectTypes, n.project.type),
      })),
    ),
    byTheme: tally(
      participants.flatMap((n) => n.themes.map((t) => ({ key: t, label: labelOf(program.themes, t) }))),
    ),
    stipends: {
      min: program.travelStipends.min,
      max: program.travelStipends.max,
      requested: participants.filter((n) => n.travel.conditionalOnStipend).length,
      eligible: participants.filter(globalSouthFor).length,
      awarded: participants.filter(holdsStipend).length,
      declined: participants.filter((n) => n.stipend?.award === 'declined').length,
      notAwarded: participants.filter((n) => n.stipend?.award === 'not-awarded').length,
    },
    reserve,
    undecided: all.filter((n) => n.status === 'submitted' || n.status === 'reviewed').length,
    warnings: warningsOf(program, participants, all),
  };
};

/** A decision considered, not made: what the preview of a selection applies. */
export interface ConsideredDecision {
  id: string;
  action: 'select' | 'reject' | 'reserve';
}

/**
 * The cohort as it would be after the considered decisions, and those that could not be made
 * (unknown nomination, or not allowed from its state) with the reason. Capacity is not enforced
 * here: the preview shows "21 of 20" for the organizer to see before the write refuses it.
 */
export const previewCohort = (program: Program, all: Nomination[], considered: ConsideredDecision[]) => {
  const byId = new Map(all.map((n) => [n.id, n]));
  const problems: { id: string; problem: string }[] = [];
  for (const { id, action } of considered) {
    const n = byId.get(id);
    if (!n) {
      problems.push({ id, problem: `There is no nomination "${id}" in this program` });
      continue;
    }
    try {
      byId.set(id, { ...n, ...nextState(n, action) });
    } catch (error) {
      if (!(error instanceof InvalidTransitionError)) throw error;
      problems.push({ id, problem: error.message });
    }
  }
  return { composition: composeCohort(program, [...byId.values()]), problems };
};
