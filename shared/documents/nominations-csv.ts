import { stringify } from 'csv-stringify/sync';
import { globalSouthFor, regionFor } from '../domain/cohort.ts';
import type { Nomination } from '../domain/nomination.ts';
import { bodyOrder, nominationFields } from '../domain/nomination-fields.ts';
import type { Review } from '../domain/reviews.ts';

export interface ExportedNomination {
  nomination: Nomination;
  reviews: Review[];
  /** The exporter declared a conflict of interest with it: no scores, and "withheld" for the average. */
  reviewsWithheld?: boolean;
}

/** A spreadsheet would run a cell starting with one of these as a formula (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/** Every cell as text a spreadsheet shows as it is: a would-be formula gets a leading `'`. */
export const inert = (value: string) => (formulaStart.test(value) ? `'${value}` : value);

export const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
};

/** Every answer of the form, in the body's order, as `section.field` (or `section` for one field). */
const answerColumns = (): { header: string; value: (n: Nomination) => unknown }[] =>
  bodyOrder().flatMap((section) => {
    const spec = nominationFields[section];
    const answer = (n: Nomination) => n[section] as unknown;
    if ('field' in spec) return [{ header: section, value: answer }];
    return Object.keys(spec.fields).map((field) => ({
      header: `${section}.${field}`,
      value: (n: Nomination) => (answer(n) as Record<string, unknown> | undefined)?.[field],
    }));
  });

const reviewerOf = (review: Review) => review.email ?? review.reviewer;

/**
 * One row per nomination: its id, status and decision, every answer as submitted, the UN M49
 * region and sub-region (as organizers corrected them), whether it counts as Global South, its
 * reserve rank and stipend award, then the reviews: how many, a `score: <reviewer>` column per reviewer of the program (empty where they
 * did not review or gave no score) and the average. UTF-8 with a byte-order mark, so spreadsheet
 * programs read accents right; every cell made inert.
 */
export const nominationsCsv = (entries: readonly ExportedNomination[]): string => {
  const answers = answerColumns();
  const reviewers = [...new Set(entries.flatMap((e) => e.reviews.map(reviewerOf)))].sort();
  const header = [
    'id',
    'status',
    'decision',
    'submittedAt',
    'updatedAt',
    ...answers.map((a) => a.header),
    'region',
    'subRegion',
    'globalSouth',
    'reserveRank',
    'stipendAward',
    'reviews',
    ...reviewers.map((r) => `score: ${r}`),
    'averageScore',
    'conflicts',
  ];
  const rows = entries.map(({ nomination: n, reviews, reviewsWithheld }) => {
    const scores = new Map(reviews.map((r) => [reviewerOf(r), r.score]));
    const region = regionFor(n);
    return [
      n.id,
      n.status,
      n.decision,
      n.submittedAt,
      n.updatedAt,
      ...answers.map((a) => a.value(n)),
      region?.name,
      region?.subRegion.name,
      globalSouthFor(n),
      n.reserveRank,
      n.stipend?.award,
      n.reviewCount,
      ...reviewers.map((r) => scores.get(r)),
      reviewsWithheld
        ? 'withheld'
        : n.scoreCount
          ? Math.round((n.scoreTotal / n.scoreCount) * 100) / 100
          : undefined,
      (n.conflicts ?? []).length,
    ];
  });
  return spreadsheetCsv([header, ...rows]);
};

/** Rows as CSV a spreadsheet opens as it should: UTF-8 with a BOM, CRLF, every cell inert. */
export const spreadsheetCsv = (rows: readonly (readonly unknown[])[]) =>
  stringify(
    rows.map((row) => row.map((value) => inert(cell(value)))),
    { bom: true, record_delimiter: 'windows' },
  );
