import { Component } from 'preact';
import { formatDate, formatInstant, Link, type Navigate, statusLabels, Tag } from './ui.tsx';
import type { Column, Row, View } from './view.ts';

const headings: [Column, string][] = [
  ['candidate', 'Candidate'],
  ['library', 'Library'],
  ['city', 'City'],
  ['country', 'Country'],
  ['region', 'Region'],
  ['projectType', 'Project type'],
  ['themes', 'Themes'],
  ['stipend', 'Stipend'],
  ['status', 'Status'],
  ['reviews', 'Reviews'],
  ['average', 'Average score'],
  ['submittedAt', 'Submitted'],
];

const numeric = new Set<Column>(['reviews', 'average']);

/** The GOV.UK sortable table: a button in each heading, aria-sort on the column it is sorted by. */
export const NominationsTable = (props: {
  rows: Row[];
  view: View;
  setView: (view: View) => void;
  navigate: Navigate;
  typeLabel: (slug: string) => string;
  themeLabel: (slug: string) => string;
  page: number;
  pages: number;
  /** For organizers: the nominations ticked for a decision on several at once. */
  picked?: ReadonlySet<string> | undefined;
  onPick?: ((id: string, on: boolean) => void) | undefined;
}) => {
  const { view } = props;
  const sortBy = (column: Column) =>
    props.setView({
      ...view,
      sort: column,
      dir: view.sort === column && view.dir === 'asc' ? 'desc' : 'asc',
      page: 1,
    });
  return (
    <>
      <div class="app-table-scroll">
        <table class="govuk-table" id="nominations">
          <caption class="govuk-table__caption govuk-visually-hidden">
            Nominations, sorted by {headings.find(([c]) => c === view.sort)?.[1]} (
            {view.dir === 'asc' ? 'ascending' : 'descending'})
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {headings.map(([column, label]) => (
                <th
                  key={column}
                  scope="col"
                  class={`govuk-table__header${numeric.has(column) ? ' govuk-table__header--numeric' : ''}`}
                  aria-sort={
                    view.sort === column ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                  }
                >
                  <button type="button" class="app-sort-button" onClick={() => sortBy(column)}>
                    {label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.rows.map((row) => (
              <NominationRow
                key={row.id}
                row={row}
                navigate={props.navigate}
                typeLabel={props.typeLabel}
                themeLabel={props.themeLabel}
                picked={props.picked?.has(row.id) ?? false}
                onPick={props.onPick}
              />
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 && <p class="govuk-body">No nominations match these filters.</p>}
      {props.pages > 1 && (
        <Pagination view={view} setView={props.setView} page={props.page} pages={props.pages} />
      )}
    </>
  );
};

interface RowProps {
  row: Row;
  navigate: Navigate;
  typeLabel: (slug: string) => string;
  themeLabel: (slug: string) => string;
  picked: boolean;
  onPick?: ((id: string, on: boolean) => void) | undefined;
}

/**
 * A row renders again only for another nomination or a tick: sorting or filtering keeps the rows
 * it can. The tick box sits in the candidate's cell, named by the candidate, so the first cell
 * still reads as the name alone.
 */
class NominationRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps) {
    return next.row !== this.props.row || next.picked !== this.props.picked;
  }

  override render({ row, navigate, typeLabel, themeLabel, picked, onPick }: RowProps) {
    return (
      <tr class="govuk-table__row">
        <td class="govuk-table__cell">
          <span class="app-pick">
            {onPick && (
              <input
                class="govuk-checkboxes__input app-pick__input"
                id={`pick-${row.id}`}
                type="checkbox"
                aria-label={`Choose ${row.candidate}`}
                checked={picked}
                onChange={(e) => onPick(row.id, e.currentTarget.checked)}
              />
            )}
            <Link href={`/staff/nominations/${row.id}`} navigate={navigate}>
              {row.candidate}
            </Link>
          </span>
        </td>
        <td class="govuk-table__cell">{row.library}</td>
        <td class="govuk-table__cell">{row.city}</td>
        <td class="govuk-table__cell">{row.countryName}</td>
        <td class="govuk-table__cell">{row.region}</td>
        <td class="govuk-table__cell">{typeLabel(row.projectType)}</td>
        <td class="govuk-table__cell">{row.themes.map(themeLabel).join(', ')}</td>
        <td class="govuk-table__cell">{row.stipend === 'yes' ? 'Needed' : 'No'}</td>
        <td class="govuk-table__cell">
          <Tag
            value={row.status}
            {...(row.rank === undefined ? {} : { label: `${statusLabels[row.status]}, rank ${row.rank}` })}
          />
        </td>
        <td class="govuk-table__cell govuk-table__cell--numeric">{row.reviews}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric">{row.average ?? '–'}</td>
        <td class="govuk-table__cell">
          <time dateTime={row.submittedAt} title={formatInstant(row.submittedAt)}>
            {formatDate(row.submittedAt)}
          </time>
        </td>
      </tr>
    );
  }
}

/** GOV.UK pagination: previous, the pages near this one, next; links so a page can be shared. */
const Pagination = (props: { view: View; setView: (view: View) => void; page: number; pages: number }) => {
  const go = (page: number) => (event: MouseEvent) => {
    event.preventDefault();
    props.setView({ ...props.view, page });
  };
  const near = [...Array(props.pages).keys()]
    .map((i) => i + 1)
    .filter((p) => p === 1 || p === props.pages || Math.abs(p - props.page) <= 2);
  const href = (page: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(location.search)), page: String(page) })}`;
  return (
    <nav class="govuk-pagination" aria-label="Pages of nominations">
      {props.page > 1 && (
        <a
          class="govuk-link govuk-pagination__prev"
          href={href(props.page - 1)}
          rel="prev"
          onClick={go(props.page - 1)}
        >
          Previous<span class="govuk-visually-hidden"> page</span>
        </a>
      )}
      <ul class="govuk-pagination__list">
        {near.map((p, i) => (
          <li
            key={p}
            class={`govuk-pagination__item${p === props.page ? ' govuk-pagination__item--current' : ''}`}
          >
            {i > 0 && p - (near[i - 1] ?? p) > 1 && <span class="govuk-pagination__ellipses">⋯ </span>}
            <a
              class="govuk-link"
              href={href(p)}
              aria-label={`Page ${p}`}
              {...(p === props.page ? { 'aria-current': 'page' } : {})}
              onClick={go(p)}
            >
              {p}
            </a>
          </li>
        ))}
      </ul>
      {props.page < props.pages && (
        <a
          class="govuk-link govuk-pagination__next"
          href={href(props.page + 1)}
          rel="next"
          onClick={go(props.page + 1)}
        >
          Next<span class="govuk-visually-hidden"> page</span>
        </a>
      )}
    </nav>
  );
};
