import { globalSouthFor, holdsStipend, regionFor } from './cohort-standing.ts';
import { type CohortWarning, cityKey, cityLabel, warningsOf } from './cohort-warnings.ts';
import { countryName } from './countries.ts';
import { InvalidTransitionError } from './errors.ts';
import type { Nomination } from './nomination.ts';
import { holdsPlace, nextState, onReserveList } from './nomination-states.ts';
import type { Program } from './program.ts';
import type { Region } from './regions.ts';

// What a nomination counts as in the cohort, and the warnings, are files of their own; their
// names are still to be had from here.
export { globalSouthFor, holdsStipend, regionFor, stipendDelta } from './cohort-standing.ts';
export type { CohortWarning } from './cohort-warnings.ts';

export interface Tally {
  key: string;
  label: string;
  count: number;
}

export interface RegionTally extends Tally {
  subRegions: Tally[];
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

const labelOf = (options: readonly { slug: string; label: string }[], slug: string) =>
  options.find((o) => o.slug === slug)?.label ?? slug;

const tally = (entries: { key: string; label: string }[]): Tally[] => {
  const counts = new Map<string, Tally>();
  for (const { key, label } of entries) {
    const found = counts.get(key) ?? { key, label, count: 0 };
    found.count += 1;
    counts.set(key, found);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
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
