import { useState } from 'preact/hooks';
import type { Action, Detail, TransitionBody } from './contract.ts';
import { NoteField } from './fields.tsx';
import { FocusedHeading } from './ui.tsx';

/** Makes the transition and settles its outcome; answers whether it was made. */
export type Transition = (
  action: Action,
  extra: Omit<TransitionBody, 'action' | 'expectedVersion'>,
  done: string,
) => Promise<boolean>;

interface Decision {
  label: string;
  done: string;
  warning?: boolean;
  /**
   * What happens at once, for an action that emails someone the moment it is made: it is
   * confirmed in a second step that says so.
   */
  confirm?: (detail: Detail) => string | undefined;
}

const told = (d: Detail) => d.status === 'notified';

export const decisions: Partial<Record<Action, Decision>> = {
  select: { label: 'Select', done: 'Selected' },
  reject: { label: 'Do not select', done: 'Marked not selected' },
  reserve: { label: 'Put on the reserve list', done: 'Put on the reserve list' },
  notify: { label: 'Notify the decision', done: 'Decision email queued' },
  'offer-place': {
    label: 'Offer the place',
    done: 'Place offered: selected, and the email is queued',
    confirm: (d) =>
      `${d.candidate.name} is selected and emailed at once that a place has opened, with the next meeting still ahead. They leave the reserve list.`,
  },
  'close-reserve': {
    label: 'Close their reserve place',
    done: 'Reserve place closed, and the email is queued',
    warning: true,
    confirm: (d) =>
      `${d.candidate.name} leaves the reserve list and is emailed at once that no place opened for them.`,
  },
  withdraw: {
    label: 'Withdraw',
    done: 'Withdrawn',
    warning: true,
    confirm: (d) =>
      told(d) && d.decision === 'selected'
        ? `${d.candidate.name} is withdrawn and emailed a confirmation at once; the organizers are alerted that a place is free, with the first reserves named.`
        : undefined,
  },
};

const RankField = (props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  setValue: (value: string) => void;
}) => (
  <div class="govuk-form-group">
    <label class="govuk-label" for={props.id}>
      {props.label}
    </label>
    <div class="govuk-hint" id={`${props.id}-hint`}>
      {props.hint}
    </div>
    <input
      class="govuk-input govuk-input--width-3"
      id={props.id}
      inputMode="numeric"
      aria-describedby={`${props.id}-hint`}
      value={props.value}
      onInput={(e) => props.setValue(e.currentTarget.value)}
    />
  </div>
);

const Confirmation = (props: {
  detail: Detail;
  action: Action;
  text: string;
  busy: boolean;
  go: () => void;
  cancel: () => void;
}) => {
  const decision = decisions[props.action];
  return (
    <div class="app-confirm" id="confirm-action">
      <FocusedHeading id="confirm-heading" small text={`${decision?.label ?? props.action}?`} />
      <p class="govuk-body">{props.text}</p>
      <div class="govuk-button-group">
        <button
          type="button"
          disabled={props.busy}
          class={decision?.warning ? 'govuk-button govuk-button--warning' : 'govuk-button'}
          onClick={props.go}
        >
          Yes, {decision?.label.toLowerCase() ?? props.action}
        </button>
        <button type="button" class="govuk-button govuk-button--secondary" onClick={props.cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
};

/**
 * The decisions the state table allows now, a button each; one that emails at once asks first,
 * naming what happens. Putting on the reserve list takes an optional rank (none: the end of it).
 */
export const DecidePanel = (props: {
  detail: Detail;
  actions: Action[];
  busy: boolean;
  note: string;
  setNote: (note: string) => void;
  transition: Transition;
}) => {
  const [rank, setRank] = useState('');
  const [confirming, setConfirming] = useState<Action>();
  const extra = (action: Action) => ({
    ...(props.note.trim() ? { note: props.note.trim() } : {}),
    ...(action === 'reserve' && rank.trim() ? { rank: Number(rank.trim()) } : {}),
  });
  const act = (action: Action) =>
    void props
      .transition(action, extra(action), decisions[action]?.done ?? action)
      .then((made) => made && setRank(''));
  const text = confirming ? decisions[confirming]?.confirm?.(props.detail) : undefined;
  return (
    <form class="app-panel" aria-labelledby="decide-heading" onSubmit={(e) => e.preventDefault()}>
      <h2 class="govuk-heading-m" id="decide-heading">
        Decide
      </h2>
      <NoteField
        id="decision-note"
        label="Note (optional)"
        rows={2}
        value={props.note}
        onInput={props.setNote}
      />
      {props.actions.includes('reserve') && (
        <RankField
          id="decision-rank"
          label="Rank on the reserve list (optional)"
          hint="1 is offered a place first. Leave it empty to add it at the end of the list."
          value={rank}
          setValue={setRank}
        />
      )}
      {confirming && text ? (
        <Confirmation
          detail={props.detail}
          action={confirming}
          text={text}
          busy={props.busy}
          go={() => {
            setConfirming(undefined);
            act(confirming);
          }}
          cancel={() => setConfirming(undefined)}
        />
      ) : (
        <div class="govuk-button-group">
          {props.actions.map((action) => (
            <button
              key={action}
              type="button"
              disabled={props.busy}
              class={`govuk-button${decisions[action]?.warning ? ' govuk-button--warning' : ' govuk-button--secondary'}`}
              onClick={() =>
                decisions[action]?.confirm?.(props.detail) ? setConfirming(action) : act(action)
              }
            >
              {decisions[action]?.label}
            </button>
          ))}
        </div>
      )}
    </form>
  );
};

/** Moves a nomination on the reserve list: the new rank, at the version on the screen. */
export const ReserveRankForm = (props: { detail: Detail; busy: boolean; transition: Transition }) => {
  const [rank, setRank] = useState('');
  return (
    <form
      class="app-panel"
      aria-labelledby="rank-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void props
          .transition('reserve', { rank: Number(rank.trim()) }, 'Moved on the reserve list')
          .then((made) => made && setRank(''));
      }}
    >
      <h2 class="govuk-heading-m" id="rank-heading">
        The reserve list
      </h2>
      <p class="govuk-body" id="reserve-rank">
        Rank {props.detail.reserveRank} on the reserve list
        {props.detail.status === 'notified' ? ', told so.' : ', not told yet.'}
      </p>
      <RankField
        id="new-rank"
        label="New rank"
        hint="1 is offered a place first. A rank another nomination holds is refused."
        value={rank}
        setValue={setRank}
      />
      <button type="submit" class="govuk-button govuk-button--secondary" disabled={props.busy}>
        Move on the list
      </button>
    </form>
  );
};
