import {
  type BulkAction,
  type BulkResult,
  type Cohort,
  changedFigures,
  compareWarnings,
} from './cohort-view.ts';
import { Warnings } from './cohort-warnings.tsx';
import { Link, type Navigate, statusLabels, TableHead } from './ui.tsx';
import type { Row } from './view.ts';

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The decisions being considered, and how the cohort would change (once the API has said). */
export interface PreviewStage {
  kind: 'preview';
  action: BulkAction;
  chosen: Row[];
  cohort?: Cohort;
  problem?: string;
  busy?: boolean;
}

/** What became of each decision sent. */
export interface ResultsStage {
  kind: 'results';
  chosen: Row[];
  results: BulkResult[];
}

const NominationLink = (props: { row: Row | undefined; id: string; navigate: Navigate }) => (
  <Link href={`/staff/nominations/${props.id}`} navigate={props.navigate}>
    {props.row?.candidate ?? props.id}
  </Link>
);

/** How the cohort would change: the figures before and after, the problems, the warnings. */
export const Preview = (props: { stage: PreviewStage; names: Map<string, string>; navigate: Navigate }) => {
  const { cohort, chosen } = props.stage;
  const preview = cohort?.preview;
  if (!cohort || !preview) return <p class="govuk-body">Working out how the cohort would change…</p>;
  const rows = new Map(chosen.map((r) => [r.id, r]));
  const warnings = compareWarnings(cohort.warnings, preview.warnings);
  const over = preview.places.taken - preview.places.max;
  return (
    <>
      <table class="govuk-table" id="preview-figures">
        <caption class="govuk-table__caption">How the cohort would change</caption>
        <TableHead headings={['Figure', 'Now', 'After']} numeric={['Now', 'After']} />
        <tbody class="govuk-table__body">
          {changedFigures(cohort, preview).map(([what, from, to]) => (
            <tr class="govuk-table__row" key={what}>
              <th scope="row" class="govuk-table__header app-row-header">
                {what}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{from}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{to}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {over > 0 && (
        <p class="govuk-inset-text app-undeliverable">
          That is {plural(over, 'place')} more than the program’s {preview.places.max}: once the program is
          full, the rest are refused.
        </p>
      )}
      {preview.problems.length > 0 && (
        <div class="govuk-error-summary" id="preview-problems">
          <h3 class="govuk-error-summary__title">
            {plural(preview.problems.length, 'decision')} cannot be made
          </h3>
          <ul class="govuk-list govuk-error-summary__list">
            {preview.problems.map((p) => (
              <li key={p.id}>
                <NominationLink row={rows.get(p.id)} id={p.id} navigate={props.navigate} />: {p.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3 class="govuk-heading-s">Warnings this adds</h3>
      <Warnings warnings={warnings.added} names={props.names} navigate={props.navigate} empty="None." />
      <h3 class="govuk-heading-s">Warnings this resolves</h3>
      {warnings.resolved.length === 0 ? (
        <p class="govuk-body">None.</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet" id="preview-resolved">
          {warnings.resolved.map((w) => (
            <li key={`${w.code}-${w.message}`}>{w.message}</li>
          ))}
        </ul>
      )}
      {warnings.remaining.length > 0 && (
        <p class="govuk-body">
          {plural(warnings.remaining.length, 'warning')} of the cohort remain, as on the cohort page.
        </p>
      )}
    </>
  );
};

/** Each decision's result: the failures first, as an error summary, then what was done. */
export const Results = (props: { stage: ResultsStage; navigate: Navigate }) => {
  const rows = new Map(props.stage.chosen.map((r) => [r.id, r]));
  const failed = props.stage.results.filter((r) => !r.ok);
  const done = props.stage.results.filter((r) => r.ok);
  return (
    <>
      {failed.length > 0 && (
        <div class="govuk-error-summary" id="bulk-failed">
          <h3 class="govuk-error-summary__title">
            {plural(failed.length, 'decision was', 'decisions were')} not made
          </h3>
          <ul class="govuk-list govuk-error-summary__list">
            {failed.map((r) => (
              <li key={r.id}>
                <NominationLink row={rows.get(r.id)} id={r.id} navigate={props.navigate} />:{' '}
                {r.error?.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {done.length > 0 && (
        <ul class="govuk-list" id="bulk-done">
          {done.map((r) => (
            <li key={r.id}>
              <NominationLink row={rows.get(r.id)} id={r.id} navigate={props.navigate} />: done,{' '}
              {r.status && (statusLabels[r.status] ?? r.status).toLowerCase()}
              {r.rank !== undefined && `, rank ${r.rank}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
};
