import { useState } from 'preact/hooks';
import type { Api } from './api.ts';
import type { ConsoleConfig, SignedIn } from './auth.ts';
import type { ConflictBody, Detail, TransitionBody } from './contract.ts';
import { DecidePanel, decisions, ReserveRankForm, type Transition } from './decide-panel.tsx';
import { NoteField, Radios } from './fields.tsx';

const scores = ['1', '2', '3', '4', '5'].map((value) => ({ value, label: value }));

/**
 * An action's result: done (with the nomination as it now is, when the answer carries it), or
 * refused.
 */
export type Outcome = { ok: true; message: string; answer?: Detail } | { ok: false; error: unknown };

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
  /** Sends the action and settles its outcome; answers whether it was made. */
  const run = async (send: () => Promise<Detail | undefined>, done: string) => {
    setBusy(true);
    try {
      const answer = await send();
      await props.settle({ ok: true, message: done, ...(answer ? { answer } : {}) });
      setNote('');
      setReviewNote('');
      setScore(undefined);
      return true;
    } catch (error) {
      await props.settle({ ok: false, error });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const path = `/nominations/${encodeURIComponent(detail.id)}`;
  // A transition answers with the nomination as it now is: nothing to read again.
  const transition: Transition = (action, extra, done) =>
    run(
      () =>
        props.api.post<Detail>(`${path}/transitions`, {
          action,
          expectedVersion: detail.version,
          ...extra,
        } satisfies TransitionBody),
      done,
    );
  // Whoever declared a conflict of interest neither reviews nor decides: the API refuses it (409).
  if (detail.conflictDeclaredByMe) {
    return (
      <div class="govuk-inset-text" id="conflict-declared">
        You declared a conflict of interest with this nomination: you cannot review it, decide it or change
        it, and its reviews and notes are not shown to you.
      </div>
    );
  }
  const organizer = props.me.role === 'Organizer';
  const onReserveList = detail.reserveRank !== undefined;
  // On the reserve list, "reserve" moves it: the rank form below does that.
  const decide = organizer
    ? detail.allowedActions.filter((a) => a in decisions && !(a === 'reserve' && onReserveList))
    : [];
  const canReview = detail.allowedActions.includes('review');
  const canDeclare = props.config.features.conflicts && props.me.role === 'Reviewer';
  if (decide.length === 0 && !(organizer && onReserveList) && !canReview && !canDeclare) return null;
  return (
    <>
      {decide.length > 0 && (
        <DecidePanel
          detail={detail}
          actions={decide}
          busy={busy}
          note={note}
          setNote={setNote}
          transition={transition}
        />
      )}
      {organizer && onReserveList && detail.allowedActions.includes('reserve') && (
        <ReserveRankForm detail={detail} busy={busy} transition={transition} />
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
          <Radios
            name="score"
            legend="Score"
            hint="A review needs a score: 1 is weakest, 5 is strongest. The note is optional."
            inline
            options={scores}
            value={score}
            onChange={setScore}
          />
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
            void run(async () => {
              await props.api.post(`${path}/conflicts`, { note: note.trim() } satisfies ConflictBody);
              return undefined;
            }, 'Conflict of interest declared');
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
