import { useRef, useState } from 'preact/hooks';
import type { Api } from './api.ts';
import { Preview, type PreviewStage, plural, Results, type ResultsStage } from './bulk-outcome.tsx';
import {
  type BulkAction,
  bulkActions,
  type Cohort,
  decisionsBody,
  pickAll,
  previewPath,
} from './cohort-view.ts';
import type { DecisionsAnswer } from './contract.ts';
import { NoteField } from './fields.tsx';
import { ErrorSummary, FocusedHeading, type Navigate } from './ui.tsx';
import type { Row } from './view.ts';

type Stage = { kind: 'idle'; problem?: string } | PreviewStage | ResultsStage;

const words: Record<BulkAction, { button: string; doing: (n: number) => string }> = {
  select: { button: 'Select', doing: (n) => `select ${plural(n, 'nomination')}` },
  reject: { button: 'Reject', doing: (n) => `mark ${plural(n, 'nomination')} not selected` },
  reserve: {
    button: 'Put on the reserve list',
    doing: (n) => `put ${plural(n, 'nomination')} on the reserve list`,
  },
};

/** At most this many in one preview and one request, as the API allows. */
const most = 100;

/**
 * Deciding several nominations at once: the organizer ticks rows, chooses a decision, sees how the
 * cohort would change (the API's preview, nothing written), confirms, and reads each decision's
 * result; the table is then read again. Each decision is its own transaction at the version the
 * table showed, so one changed meanwhile is refused and the others go ahead.
 */
export const BulkDecisions = (props: {
  api: Api;
  programId: string;
  rows: readonly Row[];
  pageIds: readonly string[];
  picked: ReadonlySet<string>;
  setPicked: (picked: Set<string>) => void;
  reload: () => Promise<void>;
  navigate: Navigate;
}) => {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const wholePage = props.pageIds.length > 0 && props.pageIds.every((id) => props.picked.has(id));

  const consider = async (action: BulkAction) => {
    const chosen = props.rows.filter((r) => props.picked.has(r.id));
    if (chosen.length === 0) return setStage({ kind: 'idle', problem: 'Tick at least one nomination first' });
    if (chosen.length > most)
      return setStage({ kind: 'idle', problem: `Tick at most ${most} nominations at once` });
    setStage({ kind: 'preview', action, chosen });
    try {
      const ids = chosen.map((r) => r.id);
      const cohort = await props.api.get<Cohort>(previewPath(props.programId, action, ids));
      setStage({ kind: 'preview', action, chosen, cohort });
    } catch (error) {
      setStage({ kind: 'preview', action, chosen, problem: (error as Error).message });
    }
  };

  const confirm = async (preview: PreviewStage) => {
    setStage({ ...preview, busy: true });
    try {
      const answer = await props.api.post<DecisionsAnswer>(
        `/programs/${encodeURIComponent(props.programId)}/decisions`,
        decisionsBody(preview.action, preview.chosen, note),
      );
      setNote('');
      props.setPicked(new Set());
      setStage({ kind: 'results', chosen: preview.chosen, results: answer.results });
      await props.reload();
    } catch (error) {
      setStage({ ...preview, busy: false, problem: (error as Error).message });
    }
  };

  return (
    <section class="app-bulk" aria-labelledby="bulk-heading">
      <h2 class="govuk-heading-s" id="bulk-heading" tabIndex={-1} ref={heading}>
        Decide several at once
      </h2>
      <div class="govuk-checkboxes__item govuk-checkboxes--small">
        <input
          class="govuk-checkboxes__input"
          id="pick-page"
          type="checkbox"
          checked={wholePage}
          onChange={(e) => props.setPicked(pickAll(props.picked, props.pageIds, e.currentTarget.checked))}
        />
        <label class="govuk-label govuk-checkboxes__label" for="pick-page">
          Select all on this page
        </label>
      </div>
      <p class="govuk-body" role="status" id="picked-count">
        {props.picked.size === 0 ? 'None ticked' : `${plural(props.picked.size, 'nomination')} ticked`}
      </p>
      {stage.kind === 'idle' && stage.problem && <ErrorSummary problems={[{ message: stage.problem }]} />}
      {stage.kind !== 'preview' && (
        <div class="govuk-button-group">
          {bulkActions.map((action) => (
            <button
              key={action}
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() => void consider(action)}
            >
              {words[action].button}
            </button>
          ))}
        </div>
      )}
      {stage.kind === 'preview' && (
        <div class="app-panel" id="bulk-preview">
          <FocusedHeading
            id="preview-heading"
            text={`Before you confirm: ${words[stage.action].doing(stage.chosen.length)}`}
          />
          {stage.problem && <ErrorSummary problems={[{ message: stage.problem }]} />}
          {!stage.problem && (
            <Preview
              stage={stage}
              names={new Map(props.rows.map((r) => [r.id, r.candidate]))}
              navigate={props.navigate}
            />
          )}
          <NoteField
            id="bulk-note"
            label="Note for each one’s history (optional)"
            rows={2}
            value={note}
            onInput={setNote}
          />
          <div class="govuk-button-group">
            <button
              type="button"
              class="govuk-button"
              disabled={stage.busy || !stage.cohort}
              onClick={() => void confirm(stage)}
            >
              Confirm
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              disabled={stage.busy}
              onClick={() => {
                setStage({ kind: 'idle' });
                heading.current?.focus();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {stage.kind === 'results' && (
        <div class="app-panel" id="bulk-results">
          <FocusedHeading
            id="results-heading"
            text={`${stage.results.filter((r) => r.ok).length} of ${plural(stage.results.length, 'decision')} made`}
          />
          <Results stage={stage} navigate={props.navigate} />
        </div>
      )}
    </section>
  );
};
