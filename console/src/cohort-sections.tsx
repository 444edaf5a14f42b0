import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api.ts';
import { awardLabels, type Region, type StipendDecision } from './cohort-view.ts';
import type { ClassificationBody, Detail, Regions, StipendBody } from './contract.ts';
import { NoteField, Radios } from './fields.tsx';
import type { Outcome } from './nomination-actions.tsx';
import { formatInstant, SummaryList, yesNo } from './ui.tsx';

let regions: Promise<Regions> | undefined;
/** Read once a session: the list changes only with a new release. */
const loadRegions = (api: Api) => {
  regions ??= api.get<Regions>('/regions').catch((error) => {
    regions = undefined;
    throw error;
  });
  return regions;
};

const inWords = (region: Region | null) => (region ? `${region.name}: ${region.subRegion.name}` : 'None');

type Settle = (outcome: Outcome) => Promise<void>;

/** A change of the nomination by PUT, sent with the version on the screen. */
const put = async (
  api: Api,
  detail: Detail,
  change: { what: 'classification'; body: ClassificationBody } | { what: 'stipend'; body: StipendBody },
  done: string,
  settle: Settle,
) => {
  try {
    await api.put(`/nominations/${encodeURIComponent(detail.id)}/${change.what}`, {
      ...change.body,
      expectedVersion: detail.version,
    });
    await settle({ ok: true, message: done });
    return true;
  } catch (error) {
    await settle({ ok: false, error });
    return false;
  }
};

const southChoice = (override: boolean | undefined) =>
  override === undefined ? 'data' : override ? 'yes' : 'no';

/** The region and Global South status it counts with, and the organizers' correction of them. */
export const CohortSection = (props: { detail: Detail; api: Api; organizer: boolean; settle: Settle }) => {
  const { detail } = props;
  const c = detail.classification;
  const [known, setKnown] = useState<Regions>();
  const [subRegion, setSubRegion] = useState<string>();
  const [south, setSouth] = useState<string>();
  const [note, setNote] = useState('');
  useEffect(() => {
    loadRegions(props.api).then(setKnown, () => {});
  }, [props.api]);
  const corrected = (yes: boolean) => (yes ? ' (corrected by organizers)' : '');
  const source = known?.globalSouth;
  const submit = async () => {
    const body: ClassificationBody = {};
    const region = subRegion ?? c.overrides.subRegion ?? '';
    if (region !== (c.overrides.subRegion ?? '')) body.subRegion = region || null;
    const choice = south ?? southChoice(c.overrides.globalSouth);
    if (choice !== southChoice(c.overrides.globalSouth))
      body.globalSouth = choice === 'data' ? null : choice === 'yes';
    if (Object.keys(body).length === 0)
      return props.settle({
        ok: false,
        error: new Error('Change the region or the Global South status before saving'),
      });
    if (note.trim()) body.note = note.trim();
    const change = { what: 'classification', body } as const;
    if (await put(props.api, detail, change, 'Classification saved', props.settle)) {
      setSubRegion(undefined);
      setSouth(undefined);
      setNote('');
    }
  };
  const byRegion = new Map<string, Region[]>();
  for (const r of known?.subRegions ?? []) byRegion.set(r.name, [...(byRegion.get(r.name) ?? []), r]);
  return (
    <section aria-labelledby="cohort-heading">
      <h2 class="govuk-heading-m" id="cohort-heading">
        Cohort
      </h2>
      <SummaryList
        id="classification"
        rows={[
          ['Region', `${inWords(detail.region)}${corrected(c.overrides.subRegion !== undefined)}`],
          ['Region as the country implies', inWords(c.region)],
          ['Global South', `${yesNo(c.globalSouth)}${corrected(c.overrides.globalSouth !== undefined)}`],
          [
            'Global South as the data says',
            <>
              {yesNo(c.globalSouthByCountry)}
              {source && (
                <span class="govuk-hint app-source">
                  {source.rule}:{' '}
                  <a href={source.url} class="govuk-link" rel="noreferrer">
                    {source.name}
                  </a>
                  , {source.edition}
                </span>
              )}
            </>,
          ],
        ]}
      />
      {props.organizer && (
        <details class="govuk-details">
          <summary class="govuk-details__summary">Correct the region or the Global South status</summary>
          <form
            class="govuk-details__text"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div class="govuk-form-group">
              <label class="govuk-label" for="classify-region">
                Region
              </label>
              <select
                class="govuk-select"
                id="classify-region"
                value={subRegion ?? c.overrides.subRegion ?? ''}
                onChange={(e) => setSubRegion(e.currentTarget.value)}
              >
                <option value="">As the country implies ({inWords(c.region)})</option>
                {[...byRegion].map(([name, subs]) => (
                  <optgroup key={name} label={name}>
                    {subs.map((r) => (
                      <option key={r.subRegion.code} value={r.subRegion.code}>
                        {r.subRegion.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <Radios
              name="classify-south"
              legend="Counts as Global South for travel stipends"
              options={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
                { value: 'data', label: `As the data says (${yesNo(c.globalSouthByCountry).toLowerCase()})` },
              ]}
              value={south ?? southChoice(c.overrides.globalSouth)}
              onChange={setSouth}
            />
            <NoteField
              id="classify-note"
              label="Why (for the history)"
              rows={2}
              value={note}
              onInput={setNote}
            />
            <button type="submit" class="govuk-button govuk-button--secondary">
              Save the classification
            </button>
          </form>
        </details>
      )}
    </section>
  );
};

const awardOptions = (Object.entries(awardLabels) as [StipendDecision['award'], string][]).map(
  ([value, label]) => ({ value, label: value === 'declined' ? `${label}: the participant said no` : label }),
);

/** A participant's travel stipend: asked for, eligible, and the organizers' award. */
export const StipendSection = (props: { detail: Detail; api: Api; organizer: boolean; settle: Settle }) => {
  const { detail } = props;
  const { stipend } = detail;
  const [award, setAward] = useState<StipendBody['award']>();
  const [note, setNote] = useState('');
  const submit = async () => {
    const chosen = award ?? stipend.decision?.award;
    if (!chosen)
      return props.settle({ ok: false, error: new Error('Choose awarded, declined or not awarded') });
    const body: StipendBody = { award: chosen, ...(note.trim() ? { note: note.trim() } : {}) };
    if (await put(props.api, detail, { what: 'stipend', body }, 'Stipend decision saved', props.settle)) {
      setAward(undefined);
      setNote('');
    }
  };
  const decision = stipend.decision;
  return (
    <section aria-labelledby="stipend-heading">
      <h2 class="govuk-heading-m" id="stipend-heading">
        Travel stipend
      </h2>
      <SummaryList
        id="stipend"
        rows={[
          ['Requested', stipend.requested ? 'Yes: participation depends on one' : 'No'],
          ['Eligible', stipend.eligible ? 'Yes: from the Global South' : 'No: not from the Global South'],
          [
            'Award',
            decision
              ? `${awardLabels[decision.award]}${decision.note ? `: ${decision.note}` : ''} (${decision.by}, ${formatInstant(decision.at)})`
              : 'Not decided',
          ],
          ...(decision?.award === 'awarded'
            ? [['Told', stipend.told ? 'Yes' : 'Not yet: with the decision email'] as [string, string]]
            : []),
        ]}
      />
      {props.organizer && (
        <form
          class="app-panel"
          aria-labelledby="stipend-form-heading"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h3 class="govuk-heading-s" id="stipend-form-heading">
            Decide the stipend
          </h3>
          <Radios
            name="stipend-award"
            legend="Decision"
            options={awardOptions}
            value={award ?? decision?.award}
            onChange={setAward}
          />
          <NoteField id="stipend-note" label="Note (optional)" rows={2} value={note} onInput={setNote} />
          <button type="submit" class="govuk-button govuk-button--secondary">
            Save the stipend decision
          </button>
        </form>
      )}
    </section>
  );
};
