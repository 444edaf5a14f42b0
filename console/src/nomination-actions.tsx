import { useState } from 'preact/hooks';
import type { Api } from './api.ts';
import type { ConsoleConfig, SignedIn } from './auth.ts';
import type { Detail } from './nomination-page.tsx';
import { NoteField } from './ui.tsx';

export type Outcome = { ok: true; message: string } | { ok: false; error: unknown };

const decisions: Record<string, { label: string; done: string; warning?: boolean }> = {
  select: { label: 'Select', done: 'Selected' },
  reject: { label: 'Do not select', done: 'Marked not selected' },
  notify: { label: 'Notify the decision', done: 'Decision email queued' },
  withdraw: { label: 'Withdraw', done: 'Withdrawn', warning: true },
};

/**
 * What the state table allows now, for this person: organizers decide, everyone reviews. Each
 * action carries the version on the screen, so a change made meanwhile is refused, not overwritten.
 */
export const Actions = (props: {
  detail: Detail;
  api: Api;
  me: SignedIn;
  config: ConsoleConfig;
  settle: (outcome: Outcome) => Promise<void>;
}) => {
  const { detail } = props;
  const [note, setNote] = useState('');
  const [score, setScore] = useState<string>();
  const [reviewNote, setReviewNote] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: Record<string, unknown>, done: string) => {
    setBusy(true);
    try {
      await props.api.post(path, body);
      await props.settle({ ok: true, message: done });
      setNote('');
      setReviewNote('');
      setScore(undefined);
    } catch (error) {
      await props.settle({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };
  const transition = (action: string, extra: Record<string, unknown>, done: string) =>
    run(
      `/nominations/${encodeURIComponent(detail.id)}/transitions`,
      { action, expectedVersion: detail.version, ...extra },
      done,
    );
  const organizer = props.me.role === 'Organizer';
  const decide = organizer ? detail.allowedActions.filter((a) => a in decisions) : [];
  const canReview = detail.allowedActions.includes('review');
  const canDeclare = props.config.features.conflicts && props.me.role === 'Reviewer';
  if (decide.length === 0 && !canReview && !canDeclare) return null;
  return (
    <>
      {decide.length > 0 && (
        <form class="app-panel" aria-labelledby="decide-heading" onSubmit={(e) => e.preventDefault()}>
          <h2 class="govuk-heading-m" id="decide-heading">
            Decide
          </h2>
          <NoteField id="decision-note" label="Note (optional)" rows={2} value={note} onInput={setNote} />
          <div class="govuk-button-group">
            {decide.map((action) => (
              <button
                key={action}
                type="button"
                disabled={busy}
                class={`govuk-button${decisions[action]?.warning ? ' govuk-button--warning' : ' govuk-button--secondary'}`}
                onClick={() =>
                  void transition(
                    action,
                    note.trim() ? { note: note.trim() } : {},
                    decisions[action]?.done ?? action,
                  )
                }
              >
                {decisions[action]?.label}
              </button>
            ))}
          </div>
        </form>
      )}
      {canReview && (
        <form
          class="app-panel"
          aria-labelledby="review-heading"
          onSubmit={(e) => {
            e.preventDefault();
            void transition(
              'review',
              {
                ...(score ? { score: Number(score) } : {}),
                ...(reviewNote.trim() ? { note: reviewNote.trim() } : {}),
              },
              'Review saved',
            );
          }}
        >
          <h2 class="govuk-heading-m" id="review-heading">
            Your review
          </h2>
          <div class="govuk-form-group">
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Score</legend>
              <div class="govuk-hint">1 is weakest, 5 is strongest.</div>
              <div class="govuk-radios govuk-radios--inline">
                {['1', '2', '3', '4', '5'].map((value) => (
                  <div class="govuk-radios__item" key={value}>
                    <input
                      class="govuk-radios__input"
                      id={`score-${value}`}
                      name="score"
                      type="radio"
                      value={value}
                      checked={score === value}
                      onChange={() => setScore(value)}
                    />
                    <label class="govuk-label govuk-radios__label" for={`score-${value}`}>
                      {value}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <NoteField id="review-note" label="Note" rows={3} value={reviewNote} onInput={setReviewNote} />
          <button type="submit" class="govuk-button" disabled={busy}>
            Send review
          </button>
        </form>
      )}
      {canDeclare && (
        <form
          class="app-panel"
          aria-labelledby="conflict-heading"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              `/nominations/${encodeURIComponent(detail.id)}/conflicts`,
              { note: note.trim() },
              'Conflict of interest declared',
            );
          }}
        >
          <h2 class="govuk-heading-m" id="conflict-heading">
            Conflict of interest
          </h2>
          <NoteField
            id="conflict-note"
            label="Why you should not review this nomination"
            rows={2}
            value={note}
            onInput={setNote}
          />
          <button type="submit" class="govuk-button govuk-button--secondary" disabled={busy}>
            Declare a conflict of interest
          </button>
        </form>
      )}
    </>
  );
};
