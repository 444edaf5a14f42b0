/**
 * The nominations table's view, kept apart from the components so it is tested without a browser:
 * the rows as the table shows them, the filters and sort read from and written to the URL query,
 * and the filtering, sorting and paging done in memory over the whole listing.
 */

import type { ListedNomination } from './contract.ts';

/**
 * What a row is made of: the fields of the listing's nomination the table reads (`reviewedByMe`
 * comes with fair reviews).
 */
export type Listed = Pick<
  ListedNomination,
  'id' | 'status' | 'decision' | 'version' | 'submittedAt' | 'reviews' | 'reviewedByMe' | 'region' | 'themes'
> &
  Partial<Pick<ListedNomination, 'reserveRank'>> & {
    library: Pick<ListedNomination['library'], 'name' | 'city' | 'country'>;
    candidate: Pick<ListedNomination['candidate'], 'name'>;
    project: Pick<ListedNomination['project'], 'type'>;
    travel: Pick<ListedNomination['travel'], 'conditionalOnStipend'>;
  };

/**
 * The status as the console names it: a notified nomination by the decision it was told, since
 * "notified" alone does not say whether the applicant is in, out or waiting.
 */
export const statusKey = (n: { status: string; decision?: string }) =>
  n.status === 'notified' && n.decision ? `notified:${n.decision}` : n.status;

export interface Row {
  id: string;
  candidate: string;
  library: string;
  city: string;
  country: string;
  countryName: string;
  /** Region and sub-region codes, for the filter, and the sub-region's name, for the column. */
  regionCodes: string[];
  region: string;
  regionName: string;
  projectType: string;
  themes: string[];
  stipend: 'yes' | 'no';
  status: string;
  /** The place on the reserve list, for a nomination on it. */
  rank?: number;
  version: number;
  reviews: number;
  average: number | null;
  submittedAt: string;
  reviewedByMe?: boolean;
  /** Lower-cased candidate, library and city, for the search. */
  haystack: string;
}

export const toRow = (n: Listed, countryName: (code: string) => string): Row => ({
  id: n.id,
  candidate: n.candidate.name,
  library: n.library.name,
  city: n.library.city,
  country: n.library.country,
  countryName: countryName(n.library.country),
  regionCodes: n.region ? [n.region.code, n.region.subRegion.code] : [],
  region: n.region ? n.region.subRegion.name : '',
  regionName: n.region ? n.region.name : '',
  projectType: n.project.type,
  themes: n.themes,
  stipend: n.travel.conditionalOnStipend ? 'yes' : 'no',
  status: statusKey(n),
  ...(n.reserveRank === undefined ? {} : { rank: n.reserveRank }),
  version: n.version,
  reviews: n.reviews.count,
  average: n.reviews.averageScore,
  submittedAt: n.submittedAt,
  ...(n.reviewedByMe === undefined ? {} : { reviewedByMe: n.reviewedByMe }),
  haystack: `${n.candidate.name}\n${n.library.name}\n${n.library.city}`.toLowerCase(),
});

export const columns = [
  'candidate',
  'library',
  'city',
  'country',
  'region',
  'projectType',
  'themes',
  'stipend',
  'status',
  'reviews',
  'average',
  'submittedAt',
] as const;
export type Column = (typeof columns)[number];

export const filterNames = ['status', 'region', 'country', 'type', 'theme', 'stipend', 'mine'] as const;
export type FilterName = (typeof filterNames)[number];

export interface View {
  filters: Partial<Record<FilterName, string>>;
  q: string;
  sort: Column;
  dir: 'asc' | 'desc';
  page: number;
}

export const defaultView: View = { filters: {}, q: '', sort: 'submittedAt', dir: 'asc', page: 1 };

const isColumn = (value: string | null): value is Column => columns.includes(value as Column);

/** The view a URL query stands for; anything it does not know is left out. */
export const parseView = (search: string): View => {
  const query = new URLSearchParams(search);
  const filters: View['filters'] = {};
  for (const name of filterNames) {
    const value = query.get(name);
    if (value) filters[name] = value;
  }
  const sort = query.get('sort');
  const page = Number(query.get('page'));
  return {
    filters,
    q: query.get('q') ?? '',
    sort: isColumn(sort) ? sort : defaultView.sort,
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
};

/** The URL query of a view, without what is the default, so a plain link stays plain. */
export const formatView = (view: View): string => {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = view.filters[name];
    if (value) query.set(name, value);
  }
  if (view.q.trim()) query.set('q', view.q.trim());
  if (view.sort !== defaultView.sort || view.dir !== defaultView.dir) {
    query.set('sort', view.sort);
    query.set('dir', view.dir);
  }
  if (view.page > 1) query.set('page', String(view.page));
  const text = query.toString();
  return text ? `?${text}` : '';
};

const matches = (row: Row, view: View): boolean => {
  const f = view.filters;
  if (f.status && row.status !== f.status && !row.status.startsWith(`${f.status}:`)) return false;
  if (f.region && !row.regionCodes.includes(f.region)) return false;
  if (f.country && row.country !== f.country) return false;
  if (f.type && row.projectType !== f.type) return false;
  if (f.theme && !row.themes.includes(f.theme)) return false;
  if (f.stipend && row.stipend !== f.stipend) return false;
  if (f.mine && row.reviewedByMe !== false) return false;
  return true;
};

const sortKey = (row: Row, column: Column): string | number | null => {
  switch (column) {
    case 'themes':
      return row.themes.join(', ');
    case 'country':
      return row.countryName;
    default:
      return row[column];
  }
};

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Each row's place in a column's order, worked out once per listing and column: the collator
 * compares the distinct values once, and every later sort compares integers. Empty values
 * have no place.
 */
const ranks = new WeakMap<readonly Row[], Map<Column, Map<Row, number>>>();
const rankIn = (rows: readonly Row[], column: Column): Map<Row, number> => {
  const byColumn = ranks.get(rows) ?? new Map<Column, Map<Row, number>>();
  ranks.set(rows, byColumn);
  let rank = byColumn.get(column);
  if (!rank) {
    const keys = [...new Set(rows.map((row) => sortKey(row, column)))].filter((k) => k !== null);
    keys.sort((x, y) =>
      typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)),
    );
    const place = new Map(keys.map((key, i) => [key, i]));
    rank = new Map();
    for (const row of rows) {
      const at = place.get(sortKey(row, column) as string | number);
      if (at !== undefined) rank.set(row, at);
    }
    byColumn.set(column, rank);
  }
  return rank;
};

const bySubmission = (a: Row, b: Row) =>
  a.submittedAt < b.submittedAt
    ? -1
    : a.submittedAt > b.submittedAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/** The rows the view shows, in its order (empty values last either way, then by submission), before paging. */
export const applyView = (rows: readonly Row[], view: View): Row[] => {
  const q = view.q.trim().toLowerCase();
  const rank = rankIn(rows, view.sort);
  const sign = view.dir === 'asc' ? 1 : -1;
  return rows
    .filter((row) => matches(row, view) && (!q || row.haystack.includes(q)))
    .sort((a, b) => {
      const x = rank.get(a);
      const y = rank.get(b);
      if (x !== y) {
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return sign * (x - y);
      }
      return bySubmission(a, b);
    });
};

export const pageSize = 50;

/** One page of the rows, the page clamped to those there are. */
export const pageOf = <T>(rows: readonly T[], page: number, size = pageSize) => {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages };
};

/** The distinct values of a column among the rows, for a filter's options. */
export const valuesOf = (rows: readonly Row[], pick: (row: Row) => string | readonly string[]) => {
  const seen = new Set<string>();
  for (const row of rows) {
    const value = pick(row);
    for (const v of typeof value === 'string' ? [value] : value) seen.add(v);
  }
  return [...seen];
};

/**
 * The region filter's choices: each region the listing holds, followed by its sub-regions, so an
 * organizer can narrow to "Africa" or to "Sub-Saharan Africa" alone.
 */
export const regionChoices = (rows: readonly Row[]): { value: string; label: string }[] => {
  const regions = new Map<string, { name: string; subRegions: Map<string, string> }>();
  for (const row of rows) {
    const [region, subRegion] = row.regionCodes;
    if (!region || !subRegion) continue;
    let entry = regions.get(region);
    if (!entry) {
      entry = { name: row.regionName, subRegions: new Map() };
      regions.set(region, entry);
    }
    entry.subRegions.set(subRegion, row.region);
  }
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1]);
  return [...regions.entries()]
    .map(([code, { name, subRegions }]) => [code, name, subRegions] as const)
    .sort((a, b) => a[1].localeCompare(b[1]))
    .flatMap(([code, name, subRegions]) => [
      { value: code, label: name },
      ...[...subRegions.entries()].sort(byName).map(([value, sub]) => ({ value, label: `${name}: ${sub}` })),
    ]);
};
