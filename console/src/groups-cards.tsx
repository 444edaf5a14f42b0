import { type DraftGroup, formatSession, groupFieldId, type Member, type Session } from './groups-view.ts';
import { SummaryList, Tag } from './ui.tsx';

/** "Not yet told": a participant who has not heard of their selection, and so hears nothing of their group. */
export const NotYetTold = () => <Tag value="not-told" label="Not yet told" />;

const Members = (props: { members: readonly Member[] }) =>
  props.members.length === 0 ? (
    'No members yet'
  ) : (
    <ul class="govuk-list app-members">
      {props.members.map((m) => (
        <li key={m.id}>
          {m.name}, {m.library}, {m.city} {!m.told && <NotYetTold />}
        </li>
      ))}
    </ul>
  );

const Sessions = (props: { sessions: readonly Session[]; programZone: string | undefined }) =>
  props.sessions.length === 0 ? (
    'None on the timeline'
  ) : (
    <ul class="govuk-list">
      {props.sessions.map((s) => (
        <li key={s.id}>
          {s.title}: {formatSession(s, props.programZone)}
        </li>
      ))}
    </ul>
  );

/** A GOV.UK text input with its label, hint and the API's message beside it. */
const TextField = (props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error: string | undefined;
  width: string;
  onInput: (value: string) => void;
}) => {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const classes = `govuk-input ${props.width}`;
  return (
    <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint && (
        <div class="govuk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      )}
      {props.error && (
        <p class="govuk-error-message" id={`${props.id}-error`}>
          <span class="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      )}
      <input
        type="text"
        class={props.error ? `${classes} govuk-input--error` : classes}
        id={props.id}
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        {...(described ? { 'aria-describedby': described } : {})}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
};

/** What an organizer edits of a group, and removes it with. */
export interface Editing {
  group: DraftGroup;
  /** The id it has or will have: what the timeline's sessions name. */
  id: string;
  errors: Record<string, string>;
  onChange: (change: Partial<Pick<DraftGroup, 'name' | 'mentor'>>) => void;
  onRemove: () => void;
}

/**
 * A group as a GOV.UK summary card: its name, mentor, members and sessions. For an organizer the
 * name and mentor are inputs and the card has a button to remove the group.
 */
export const GroupCard = (props: {
  label: string;
  titleId: string;
  mentor: string;
  members: readonly Member[];
  sessions: readonly Session[];
  programZone: string | undefined;
  editing?: Editing;
}) => {
  const { editing } = props;
  const key = editing?.group.key;
  return (
    <section class="govuk-summary-card" aria-labelledby={props.titleId}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" id={props.titleId}>
          {props.label}
        </h3>
        {editing && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-card-button"
            onClick={editing.onRemove}
          >
            Remove<span class="govuk-visually-hidden"> {props.label}</span>
          </button>
        )}
      </div>
      <div class="govuk-summary-card__content">
        {editing && key && (
          <>
            <TextField
              id={groupFieldId(key, 'name')}
              label="Name"
              hint={`Its id on the timeline: ${editing.id}${editing.group.savedId ? '' : ' (from its name)'}`}
              value={editing.group.name}
              error={editing.errors[groupFieldId(key, 'name')]}
              width="govuk-input--width-30"
              onInput={(name) => editing.onChange({ name })}
            />
            <TextField
              id={groupFieldId(key, 'mentor')}
              label="Mentor"
              hint="As participants read it: name, library"
              value={editing.group.mentor}
              error={editing.errors[groupFieldId(key, 'mentor')]}
              width="govuk-input--width-30"
              onInput={(mentor) => editing.onChange({ mentor })}
            />
          </>
        )}
        <SummaryList
          rows={[
            ...(editing ? [] : [['Mentor', props.mentor] satisfies [string, string]]),
            [`Members (${props.members.length})`, <Members key="members" members={props.members} />],
            [
              'Sessions',
              <Sessions key="sessions" sessions={props.sessions} programZone={props.programZone} />,
            ],
          ]}
        />
        {editing && props.sessions.length > 0 && (
          <p class="govuk-hint">
            Its sessions are on the timeline: the group cannot be removed until they are given to another
            group.
          </p>
        )}
      </div>
    </section>
  );
};
