import { type Api, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import { Participants, RegionTable, ReserveList, TallyTable } from './cohort-tables.tsx';
import { type Cohort, range } from './cohort-view.ts';
import { Warnings } from './cohort-warnings.tsx';
import { lastLoaded, loadAll } from './listing.ts';
import { ErrorSummary, Loading, type Navigate, SummaryList } from './ui.tsx';

const Figure = (props: { id: string; label: string; value: number; of?: string }) => (
  <div class="app-figure">
    <dt class="app-figure__label">{props.label}</dt>
    <dd class="app-figure__value" id={props.id}>
      <span class="app-figure__number">{props.value}</span>
      {props.of && ` of ${props.of}`}
    </dd>
  </div>
);

/**
 * The cohort at a glance (`/staff/cohort`): places taken, what a selection committee should be
 * warned of, where the participants come from and what they do, stipends, the reserve list and
 * the participants. The listing gives the names of the nominations a warning is about.
 */
export const CohortPage = (props: { api: Api; config: ConsoleConfig; navigate: Navigate }) => {
  const key = [props.api, props.config.programId];
  const reading = useRead(
    () => props.api.get<Cohort>(`/programs/${encodeURIComponent(props.config.programId)}/cohort`),
    key,
  );
  const cohort = reading.data;
  // The names of the nominations a warning is about.
  const listing = useRead(() => loadAll(props.api, props.config.programId), key, { initial: lastLoaded });
  const loaded = listing.data;
  const names = new Map((loaded?.rows ?? []).map((r) => [r.id, r.candidate]));
  const failure = reading.problems(listing.failure);
  return (
    <>
      <h1 class="govuk-heading-l">The cohort</h1>
      <ErrorSummary problems={failure} />
      <Loading reading={{ data: cohort, failure }} text="Loading the cohort…" />
      {cohort && (
        <>
          <dl class="app-figures">
            <Figure
              id="places-taken"
              label="Places taken"
              value={cohort.places.taken}
              of={range(cohort.places.min, cohort.places.max)}
            />
            <Figure
              id="stipends-awarded"
              label="Travel stipends awarded"
              value={cohort.stipends.awarded}
              of={String(cohort.stipends.max)}
            />
            <Figure id="reserve-count" label="On the reserve list" value={cohort.reserve.length} />
            <Figure id="undecided-count" label="Not yet decided" value={cohort.undecided} />
          </dl>
          <section aria-labelledby="warnings-heading">
            <h2 class="govuk-heading-m" id="warnings-heading">
              Warnings
            </h2>
            <Warnings warnings={cohort.warnings} names={names} navigate={props.navigate} />
          </section>
          <section aria-labelledby="composition-heading">
            <h2 class="govuk-heading-m" id="composition-heading">
              Where the participants come from, and what they do
            </h2>
            <div class="app-tallies">
              <RegionTable cohort={cohort} />
              <TallyTable id="by-country" caption="By country" heading="Country" tallies={cohort.byCountry} />
              <TallyTable id="by-city" caption="By city" heading="City" tallies={cohort.byCity} />
              <TallyTable
                id="by-project-type"
                caption="By project type"
                heading="Project type"
                tallies={cohort.byProjectType}
              />
              <TallyTable id="by-theme" caption="By theme" heading="Theme" tallies={cohort.byTheme} />
            </div>
          </section>
          <section aria-labelledby="stipends-heading">
            <h2 class="govuk-heading-m" id="stipends-heading">
              Travel stipends
            </h2>
            <SummaryList
              id="stipends"
              rows={[
                ['Requested: participation depends on one', cohort.stipends.requested],
                ['Eligible: from the Global South', cohort.stipends.eligible],
                [
                  'Awarded',
                  `${cohort.stipends.awarded} of ${cohort.stipends.max} (the program offers ${range(cohort.stipends.min, cohort.stipends.max)})`,
                ],
                ['Declined', cohort.stipends.declined],
                ['Not awarded', cohort.stipends.notAwarded],
              ]}
            />
          </section>
          <section aria-labelledby="reserve-heading">
            <h2 class="govuk-heading-m" id="reserve-heading">
              The reserve list
            </h2>
            <ReserveList cohort={cohort} navigate={props.navigate} />
          </section>
          <Participants cohort={cohort} loaded={loaded} navigate={props.navigate} />
        </>
      )}
    </>
  );
};
