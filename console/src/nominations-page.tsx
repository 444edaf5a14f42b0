import { useCallback, useMemo, useState } from 'preact/hooks';
import { type Api, useRead } from './api.ts';
import type { ConsoleConfig, SignedIn } from './auth.ts';
import { BulkDecisions } from './bulk-decisions.tsx';
import { ExportButton } from './export-button.tsx';
import { lastLoaded, loadAll } from './listing.ts';
import { NominationsTable } from './nominations-table.tsx';
import { countryName, ErrorSummary, Loading, labelOf, type Navigate, statusLabels } from './ui.tsx';
import {
  applyView,
  type FilterName,
  formatView,
  pageOf,
  parseView,
  regionChoices,
  type View,
  valuesOf,
} from './view.ts';

const Filter = (props: {
  name: FilterName;
  label: string;
  options: { value: string; label: string }[];
  view: View;
  onChange: (name: FilterName, value: string) => void;
}) => (
  <div class="govuk-form-group">
    <label class="govuk-label" for={`filter-${props.name}`}>
      {props.label}
    </label>
    <select
      class="govuk-select"
      id={`filter-${props.name}`}
      value={props.view.filters[props.name] ?? ''}
      onChange={(e) => props.onChange(props.name, e.currentTarget.value)}
    >
      <option value="">All</option>
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

/** The filters that choose from a list, in the order they are shown. */
const selects = [
  ['status', 'Status'],
  ['region', 'Region'],
  ['country', 'Country'],
  ['type', 'Project type'],
  ['theme', 'Theme'],
  ['stipend', 'Stipend'],
] as const;

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);

export const NominationsPage = (props: {
  api: Api;
  config: ConsoleConfig;
  me: SignedIn;
  search: string;
  navigate: Navigate;
}) => {
  // The listing of the last visit shows at once while it is read again.
  const listing = useRead(
    () => loadAll(props.api, props.config.programId),
    [props.api, props.config.programId],
    {
      initial: lastLoaded,
    },
  );
  const loaded = listing.data;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  // Stable, so a tick renders again only the row ticked.
  const onPick = useCallback(
    (id: string, on: boolean) =>
      setPicked((before) => {
        const next = new Set(before);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const organizer = props.me.role === 'Organizer';

  const view = parseView(props.search);
  const setView = (next: View, replace = false) => props.navigate(`/staff${formatView(next)}`, { replace });
  const setFilter = (name: FilterName, value: string) =>
    setView({ ...view, filters: { ...view.filters, [name]: value || undefined }, page: 1 });

  const rows = loaded?.rows ?? [];
  const shown = useMemo(() => applyView(rows, view), [rows, props.search]);
  const page = pageOf(shown, view.page);
  const program = loaded?.program;
  const options = useMemo(() => {
    if (!program) return undefined;
    const countries = valuesOf(rows, (r) => r.country).map((c) => ({ value: c, label: countryName(c) }));
    return {
      status: Object.entries(statusLabels).map(([value, label]) => ({ value, label })),
      region: regionChoices(rows),
      country: countries.sort(byLabel),
      type: program.projectTypes.map((t) => ({ value: t.slug, label: t.label })),
      theme: program.themes.map((t) => ({ value: t.slug, label: t.label })),
      stipend: [
        { value: 'yes', label: 'Depends on a stipend' },
        { value: 'no', label: 'Does not depend on one' },
      ],
    };
  }, [rows, program]);
  const knowsMine = rows.some((r) => r.reviewedByMe !== undefined);
  const filtered = Object.keys(view.filters).length > 0 || view.q.trim() !== '';

  return (
    <>
      <h1 class="govuk-heading-l">Nominations</h1>
      <ErrorSummary problems={listing.failure} />
      <Loading reading={listing} text="Loading the nominations…" />
      {loaded && options && (
        <div class="app-listing">
          <section class="app-filter" aria-labelledby="filter-heading">
            <h2 class="govuk-heading-m" id="filter-heading">
              Filter
            </h2>
            <div class="govuk-form-group">
              <label class="govuk-label" for="filter-q">
                Search candidate, library or city
              </label>
              <input
                class="govuk-input"
                id="filter-q"
                type="search"
                value={view.q}
                onInput={(e) => setView({ ...view, q: e.currentTarget.value, page: 1 }, true)}
              />
            </div>
            {selects.map(([name, label]) => (
              <Filter
                key={name}
                name={name}
                label={label}
                options={options[name]}
                view={view}
                onChange={setFilter}
              />
            ))}
            {knowsMine && (
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="filter-mine"
                  type="checkbox"
                  checked={view.filters.mine === '1'}
                  onChange={(e) => setFilter('mine', e.currentTarget.checked ? '1' : '')}
                />
                <label class="govuk-label govuk-checkboxes__label" for="filter-mine">
                  Not yet reviewed by me
                </label>
              </div>
            )}
            {filtered && (
              <p class="govuk-body">
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary"
                  onClick={() => setView({ ...view, filters: {}, q: '', page: 1 })}
                >
                  Clear filters
                </button>
              </p>
            )}
            {props.config.features.export && organizer && (
              <ExportButton api={props.api} programId={props.config.programId} />
            )}
          </section>
          <div class="app-results">
            <p class="govuk-body" role="status" id="result-count">
              {shown.length === rows.length
                ? `${rows.length} nominations`
                : `${shown.length} of ${rows.length} nominations`}
              {page.pages > 1 && `, page ${page.page} of ${page.pages}`}
            </p>
            {organizer && (
              <BulkDecisions
                api={props.api}
                programId={props.config.programId}
                rows={rows}
                pageIds={page.rows.map((r) => r.id)}
                picked={picked}
                setPicked={setPicked}
                reload={listing.refresh}
                navigate={props.navigate}
              />
            )}
            <NominationsTable
              rows={page.rows}
              picked={organizer ? picked : undefined}
              onPick={organizer ? onPick : undefined}
              view={view}
              setView={setView}
              navigate={props.navigate}
              typeLabel={(slug) => labelOf(program?.projectTypes ?? [], slug)}
              themeLabel={(slug) => labelOf(program?.themes ?? [], slug)}
              pages={page.pages}
              page={page.page}
            />
          </div>
        </div>
      )}
    </>
  );
};
