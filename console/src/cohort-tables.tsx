import { awardLabels, type Cohort, type Tally } from './cohort-view.ts';
import type { Loaded } from './listing.ts';
import { countryName, Link, labelOf, type Navigate, TableHead, yesNo } from './ui.tsx';

/** A count of participants by one property: a row heading and its count per row. */
export const TallyTable = (props: { id: string; caption: string; heading: string; tallies: Tally[] }) => (
  <table class="govuk-table app-tally" id={props.id}>
    <caption class="govuk-table__caption">{props.caption}</caption>
    <TableHead headings={[props.heading, 'Participants']} numeric={['Participants']} />
    <tbody class="govuk-table__body">
      {props.tallies.length === 0 && (
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" colSpan={2}>
            None yet
          </td>
        </tr>
      )}
      {props.tallies.map((t) => (
        <tr class="govuk-table__row" key={t.key}>
          <th scope="row" class="govuk-table__header app-row-header">
            {t.label}
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric">{t.count}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** Regions, each a group of rows: the region's count, then its sub-regions'. */
export const RegionTable = ({ cohort }: { cohort: Cohort }) => (
  <table class="govuk-table app-tally" id="by-region">
    <caption class="govuk-table__caption">By region and sub-region</caption>
    <TableHead headings={['Region', 'Participants']} numeric={['Participants']} />
    {cohort.byRegion.length === 0 && (
      <tbody class="govuk-table__body">
        <tr class="govuk-table__row">
          <td class="govuk-table__cell" colSpan={2}>
            None yet
          </td>
        </tr>
      </tbody>
    )}
    {cohort.byRegion.map((region) => (
      <tbody class="govuk-table__body" key={region.key}>
        <tr class="govuk-table__row">
          <th scope="rowgroup" class="govuk-table__header">
            {region.label}
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric app-strong">{region.count}</td>
        </tr>
        {region.subRegions.map((sub) => (
          <tr class="govuk-table__row" key={sub.key}>
            <th scope="row" class="govuk-table__header app-row-header app-indent">
              {sub.label}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">{sub.count}</td>
          </tr>
        ))}
      </tbody>
    ))}
  </table>
);

export const Participants = (props: { cohort: Cohort; loaded: Loaded | undefined; navigate: Navigate }) => (
  <div class="app-table-scroll">
    <table class="govuk-table" id="participants">
      <caption class="govuk-table__caption govuk-table__caption--m">Participants</caption>
      <TableHead
        headings={[
          'Name',
          'Library',
          'City',
          'Country',
          'Region',
          'Project type',
          'Stipend requested',
          'Eligible',
          'Stipend',
        ]}
      />
      <tbody class="govuk-table__body">
        {props.cohort.participants.map((p) => (
          <tr class="govuk-table__row" key={p.id}>
            <th scope="row" class="govuk-table__header app-row-header">
              <Link href={`/staff/nominations/${p.id}`} navigate={props.navigate}>
                {p.name}
              </Link>
            </th>
            <td class="govuk-table__cell">{p.library}</td>
            <td class="govuk-table__cell">{p.city}</td>
            <td class="govuk-table__cell">{countryName(p.country)}</td>
            <td class="govuk-table__cell">
              {p.region ? `${p.region.name}: ${p.region.subRegion.name}` : '–'}
            </td>
            <td class="govuk-table__cell">
              {labelOf(props.loaded?.program.projectTypes ?? [], p.projectType)}
            </td>
            <td class="govuk-table__cell">{yesNo(p.stipend.requested)}</td>
            <td class="govuk-table__cell">{yesNo(p.stipend.eligible)}</td>
            <td class="govuk-table__cell">
              {p.stipend.award ? awardLabels[p.stipend.award.award] : 'Not decided'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    {props.cohort.participants.length === 0 && <p class="govuk-body">Nobody is selected yet.</p>}
  </div>
);

export const ReserveList = (props: { cohort: Cohort; navigate: Navigate }) =>
  props.cohort.reserve.length === 0 ? (
    <p class="govuk-body">Nobody is on the reserve list.</p>
  ) : (
    <table class="govuk-table" id="reserve-list">
      <caption class="govuk-visually-hidden">The reserve list, first in line first</caption>
      <TableHead headings={['Rank', 'Name', 'Country', 'Told']} />
      <tbody class="govuk-table__body">
        {props.cohort.reserve.map((r) => (
          <tr class="govuk-table__row" key={r.id}>
            <td class="govuk-table__cell">{r.rank ?? '–'}</td>
            <th scope="row" class="govuk-table__header app-row-header">
              <Link href={`/staff/nominations/${r.id}`} navigate={props.navigate}>
                {r.name}
              </Link>
            </th>
            <td class="govuk-table__cell">{countryName(r.country)}</td>
            <td class="govuk-table__cell">{r.told ? 'Yes' : 'Not yet'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
