/**
 * The cohort as the API answers it, and what the console works out from it, kept apart from the
 * components so it is tested without a browser: the figures in words, and how a preview differs
 * from the cohort as it stands.
 */
import type { CohortWarning, Composition } from '#shared/domain/cohort';
import type { StipendDecision } from '#shared/domain/nomination';
import type { DecisionsBody } from './contract.ts';

// The answer of `GET /programs/{programId}/cohort` is the composition as the domain computes it.
export type { CohortWarning, Composition, Tally } from '#shared/domain/cohort';
export type { StipendDecision } from '#shared/domain/nomination';
export type { Region } from '#shared/domain/regions';

export const awardLabels: Record<StipendDecision['award'], string> = {
  awarded: 'Awarded',
  declined: 'Declined',
  'not-awarded': 'Not awarded',
};

export type { BulkResult, Cohort } from './contract.ts';

export type BulkAction = DecisionsBody['decisions'][number]['action'];
/** The decisions made several at once, in the order of their buttons. */
export const bulkActions = ['select', 'reject', 'reserve'] as const satisfies readonly BulkAction[];

/** "15–20", or "3" when both ends are the same. */
export const range = (min: number, max: number) => (min === max ? `${min}` : `${min}–${max}`);

export const placesText = (places: Composition['places']) =>
  `${places.taken} of ${range(places.min, places.max)}`;

/** The cohort as it would be after one decision on each of these nominations. */
export const previewPath = (programId: string, action: BulkAction, ids: readonly string[]) =>
  `/programs/${encodeURIComponent(programId)}/cohort?${new URLSearchParams({ [action]: ids.join(',') })}`;

/**
 * The decisions as sent: each with the version the table showed, so one changed meanwhile is
 * refused rather than decided on what the organizer did not see.
 */
export const decisionsBody = (
  action: BulkAction,
  nominations: readonly { id: string; version: number }[],
  note: string,
): DecisionsBody => ({
  decisions: nominations.map((n) => ({ id: n.id, action, expectedVersion: n.version })),
  ...(note.trim() ? { note: note.trim() } : {}),
});

/** Warnings of which the cohort has one at most: the same code is the same warning. */
const singular = new Set(['below-minimum', 'stipends-below-minimum', 'stipend-undecided']);

/**
 * Two warnings are one that changed (its count, its names) when they share the code and, for a
 * code that can come several times (a city, a region, a project type), a nomination: each
 * nomination has one city, one region and one project type.
 */
const sameWarning = (a: CohortWarning, b: CohortWarning) =>
  a.code === b.code && (singular.has(a.code) || a.nominationIds.some((id) => b.nominationIds.includes(id)));

/** What a preview adds to the warnings, what it resolves, and what remains, as the preview words it. */
export const compareWarnings = (before: readonly CohortWarning[], after: readonly CohortWarning[]) => ({
  added: after.filter((a) => !before.some((b) => sameWarning(a, b))),
  resolved: before.filter((b) => !after.some((a) => sameWarning(a, b))),
  remaining: after.filter((a) => before.some((b) => sameWarning(a, b))),
});

/** The figures a preview changes, as [what, before, after]; places taken always. */
export const changedFigures = (before: Composition, after: Composition): [string, string, string][] => {
  const figures: [string, string | number, string | number][] = [
    [
      `Places taken (of ${range(after.places.min, after.places.max)})`,
      before.places.taken,
      after.places.taken,
    ],
    ['Participants whose place depends on a stipend', before.stipends.requested, after.stipends.requested],
    ['Participants eligible for a stipend', before.stipends.eligible, after.stipends.eligible],
    ['On the reserve list', before.reserve.length, after.reserve.length],
    ['Not yet decided', before.undecided, after.undecided],
  ];
  return figures
    .filter(([, from, to], i) => i === 0 || from !== to)
    .map(([what, from, to]) => [what, String(from), String(to)]);
};

/** The picked nominations with this page's rows all picked, or all left out. */
export const pickAll = (picked: ReadonlySet<string>, ids: readonly string[], on: boolean) => {
  const next = new Set(picked);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
};
