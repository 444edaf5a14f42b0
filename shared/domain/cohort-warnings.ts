import { globalSouthFor, holdsStipend, regionFor } from './cohort-standing.ts';
import { countryName } from './countries.ts';
import type { Nomination } from './nomination.ts';
import { holdsPlace } from './nomination-states.ts';
import type { Program } from './program.ts';

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

const fold = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

export const cityKey = (n: Nomination) => `${n.library.country}#${fold(n.library.city)}`;
export const cityLabel = (n: Nomination) => `${n.library.city.trim()}, ${countryName(n.library.country)}`;

/** Groups of two or more participants sharing a key. */
const sharing = (people: Nomination[], key: (n: Nomination) => string) => {
  const groups = new Map<string, Nomination[]>();
  for (const n of people) groups.set(key(n), [...(groups.get(key(n)) ?? []), n]);
  return [...groups.values()].filter((g) => g.length > 1);
};

const names = (group: Nomination[]) => group.map((n) => n.candidate.name).join(', ');

/** What a selection committee would want to be warned of in a cohort (docs/cohort.md). */
export const warningsOf = (program: Program, participants: Nomination[], all: Nomination[]) => {
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
