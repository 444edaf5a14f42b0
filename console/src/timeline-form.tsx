import type { ComponentChildren } from 'preact';
import type { GroupsRead, Participant } from './groups-view.ts';
import { formatDay, zoneName } from './settings-view.ts';
import {
  type EventDraft,
  eventWhen,
  fieldIds,
  hasTime,
  kindLabels,
  mayBeDated,
  readingId,
  type TimelineEvent,
  toldSentence,
} from './timeline-view.ts';
import {
  describedBy,
  ErrorMessage,
  FocusedHeading,
  Link,
  type Navigate,
  NoteField,
  names,
  Radios,
} from './ui.tsx';

/** A GOV.UK form group: its label, hint and the API's message, around its control. */
const Field = (props: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ComponentChildren;
}) => (
  <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
    <label class="govuk-label" for={props.id}>
      {props.label}
    </label>
    {props.hint && (
      <div class="govuk-hint" id={`${props.id}-hint`}>
        {props.hint}
      </div>
    )}
    <ErrorMessage id={`${props.id}-error`} message={props.error} />
    {props.children}
  </div>
);

/** A text input in a Field. */
const TextField = (props: {
  id: string;
  label: string;
  hint?: string;
  width: string;
  type?: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) => (
  <Field id={props.id} label={props.label} error={props.error} {...(props.hint ? { hint: props.hint } : {})}>
    <input
      type={props.type ?? 'text'}
      class={`govuk-input ${props.width}${props.error ? ' govuk-input--error' : ''}`}
      id={props.id}
      value={props.value}
      spellcheck={props.type !== 'url'}
      {...describedBy(props.id, props.hint, props.error)}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  </Field>
);

/**
 * Who a save will email, before it is made: a GOV.UK warning text when someone will be. Unknown
 * (the participants could not be read) is said as the rule rather than as nobody.
 */
export const WhoHears = (props: {
  told: readonly Participant[] | undefined;
  cancelling: boolean;
  id: string;
}) =>
  !props.told ? (
    <p class="govuk-body" id={props.id}>
      Each participant told of their selection who has it in their calendar will be emailed once.
    </p>
  ) : props.told.length === 0 ? (
    <p class="govuk-body" id={props.id}>
      {toldSentence(0, props.cancelling)}
    </p>
  ) : (
    <div class="govuk-warning-text" id={props.id}>
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning: </span>
        {toldSentence(props.told.length, props.cancelling)}{' '}
        <span class="app-normal">{names(props.told)}.</span>
      </div>
    </div>
  );

/** How the form names the event in its buttons: "meeting", "session", "event". */
export const noun = (event: TimelineEvent) =>
  event.kind === 'meeting' ? 'meeting' : event.kind === 'mentoring' ? 'session' : 'event';

/** The date and time of an event that has one, or may be given one: a wall time of its zone. */
const WhenFields = (props: {
  event: TimelineEvent;
  zone: string;
  draft: EventDraft;
  errors: Record<string, string>;
  onChange: (change: Partial<EventDraft>) => void;
}) => {
  const { event, draft, errors } = props;
  const zone = `${zoneName(props.zone)} (${props.zone})`;
  const fields = (
    <>
      <Field
        id={fieldIds.when}
        label="Date and time"
        hint={`In ${zone}, as participants there read it. For example, 5 November 2024 at 9:00.`}
        error={errors[fieldIds.when]}
      >
        <input
          type="datetime-local"
          class={`govuk-input govuk-input--width-20${errors[fieldIds.when] ? ' govuk-input--error' : ''}`}
          id={fieldIds.when}
          value={draft.at}
          {...describedBy(fieldIds.when, true, errors[fieldIds.when])}
          onInput={(e) => props.onChange({ at: e.currentTarget.value })}
        />
      </Field>
      <Field
        id={fieldIds['when.durationMinutes']}
        label="Duration in minutes (optional)"
        error={errors[fieldIds['when.durationMinutes']]}
      >
        <input
          type="text"
          inputMode="numeric"
          class={`govuk-input govuk-input--width-3${errors[fieldIds['when.durationMinutes']] ? ' govuk-input--error' : ''}`}
          id={fieldIds['when.durationMinutes']}
          value={draft.duration}
          {...describedBy(fieldIds['when.durationMinutes'], false, errors[fieldIds['when.durationMinutes']])}
          onInput={(e) => props.onChange({ duration: e.currentTarget.value })}
        />
      </Field>
    </>
  );
  if (hasTime(event)) return fields;
  if (!mayBeDated(event)) return null;
  return (
    <>
      <Radios
        name="event-dated"
        legend="When"
        hint="A session known only by its month can be given its day until that month ends; participants are then emailed an invitation."
        options={[
          { value: 'month', label: `${eventWhen(event, props.zone)}` },
          { value: 'at', label: 'On a day and time' },
        ]}
        value={draft.dated ? 'at' : 'month'}
        onChange={(value) => props.onChange({ dated: value === 'at' })}
      />
      {draft.dated && <div class="app-timeline-reveal">{fields}</div>}
    </>
  );
};

/** The readings: a title and an https link a row, each removable, and a row added at the end. */
const Readings = (props: {
  draft: EventDraft;
  errors: Record<string, string>;
  onChange: (change: Partial<EventDraft>) => void;
  onFocus: (id: string) => void;
}) => {
  const { readings } = props.draft;
  const set = (row: number, change: Partial<EventDraft['readings'][number]>) =>
    props.onChange({ readings: readings.map((r, i) => (i === row ? { ...r, ...change } : r)) });
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="event-readings-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Readings</legend>
        <div class="govuk-hint" id="event-readings-hint">
          Each with its title and an https link. Participants find them in their reminders and on their page.
        </div>
        {readings.length === 0 && <p class="govuk-body">No readings.</p>}
        {readings.map((r, row) => (
          <div class="app-timeline-reading" key={row}>
            <TextField
              id={readingId(row, 'title')}
              label={`Reading ${row + 1}: title`}
              width="govuk-input--width-30"
              value={r.title}
              error={props.errors[readingId(row, 'title')]}
              onInput={(title) => set(row, { title })}
            />
            <TextField
              id={readingId(row, 'url')}
              label={`Reading ${row + 1}: link`}
              width="govuk-input--width-30"
              type="url"
              value={r.url}
              error={props.errors[readingId(row, 'url')]}
              onInput={(url) => set(row, { url })}
            />
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() => {
                props.onChange({ readings: readings.filter((_, i) => i !== row) });
                props.onFocus(fieldIds.readings);
              }}
            >
              Remove reading {row + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id={fieldIds.readings}
          onClick={() => {
            props.onChange({ readings: [...readings, { title: '', url: '' }] });
            props.onFocus(readingId(readings.length, 'title'));
          }}
        >
          Add a reading
        </button>
      </fieldset>
    </div>
  );
};

/**
 * One event's form (GOV.UK patterns): its title, date and time in its zone (or, for a session
 * known only by its month, the choice to give it one), and for a meeting its theme, facilitator,
 * agenda, readings and join link; a session's mentoring group; a note for the history; who will
 * be emailed; save, or cancel the event (after a confirmation, on the page).
 */
export const EventForm = (props: {
  event: TimelineEvent;
  zone: string;
  themes: readonly { slug: string; label: string }[];
  groups: GroupsRead['groups'];
  draft: EventDraft;
  errors: Record<string, string>;
  note: string;
  told: readonly Participant[] | undefined;
  busy: boolean;
  navigate: Navigate;
  onChange: (change: Partial<EventDraft>) => void;
  onNote: (note: string) => void;
  onFocus: (id: string) => void;
  onSave: () => void;
  onCancelEvent: () => void;
}) => {
  const { event, draft, errors } = props;
  const meeting = event.kind === 'meeting';
  const mentoring = event.kind === 'mentoring';
  return (
    <form
      noValidate
      aria-labelledby="event-heading"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <FocusedHeading id="event-heading" text={`Change ${event.title}`} />
      <p class="govuk-body" id="event-now">
        {kindLabels[event.kind]}, {eventWhen(event, props.zone)}
        {'from' in event.when && ` (${formatDay(event.when.from)} to ${formatDay(event.when.to)})`}.
      </p>
      <TextField
        id={fieldIds.title}
        label="Title"
        width="govuk-input--width-30"
        value={draft.title}
        error={errors[fieldIds.title]}
        onInput={(title) => props.onChange({ title })}
      />
      <WhenFields
        event={event}
        zone={event.timeZone ?? props.zone}
        draft={draft}
        errors={errors}
        onChange={props.onChange}
      />
      {meeting && (
        <Field id={fieldIds.theme} label="Theme" error={errors[fieldIds.theme]}>
          <select
            class={`govuk-select${errors[fieldIds.theme] ? ' govuk-select--error' : ''}`}
            id={fieldIds.theme}
            value={draft.theme}
            {...describedBy(fieldIds.theme, false, errors[fieldIds.theme])}
            onChange={(e) => props.onChange({ theme: e.currentTarget.value })}
          >
            <option value="">No theme</option>
            {props.themes.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      {mentoring && (
        <Field
          id={fieldIds.group}
          label="Mentoring group"
          hint="A group’s session reminds and tells its members only; without a group it is everyone’s."
          error={errors[fieldIds.group]}
        >
          <select
            class={`govuk-select${errors[fieldIds.group] ? ' govuk-select--error' : ''}`}
            id={fieldIds.group}
            value={draft.group}
            {...describedBy(fieldIds.group, true, errors[fieldIds.group])}
            onChange={(e) => props.onChange({ group: e.currentTarget.value })}
          >
            <option value="">Every participant (no group)</option>
            {props.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}, with {g.mentor}
              </option>
            ))}
          </select>
        </Field>
      )}
      {(meeting || mentoring) && (
        <>
          <TextField
            id={fieldIds.facilitator}
            label="Facilitator (optional)"
            width="govuk-input--width-30"
            value={draft.facilitator}
            error={errors[fieldIds.facilitator]}
            onInput={(facilitator) => props.onChange({ facilitator })}
          />
          <Field id={fieldIds.agenda} label="Agenda (optional)" error={errors[fieldIds.agenda]}>
            <textarea
              class={`govuk-textarea${errors[fieldIds.agenda] ? ' govuk-textarea--error' : ''}`}
              id={fieldIds.agenda}
              rows={5}
              value={draft.agenda}
              {...describedBy(fieldIds.agenda, false, errors[fieldIds.agenda])}
              onInput={(e) => props.onChange({ agenda: e.currentTarget.value })}
            />
          </Field>
          <Readings draft={draft} errors={errors} onChange={props.onChange} onFocus={props.onFocus} />
          <TextField
            id={fieldIds.joinUrl}
            label="Join link (optional)"
            hint="An https link. Private: participants get it in their emails and on their own page, never in the public program."
            width="govuk-input--width-30"
            type="url"
            value={draft.joinUrl}
            error={errors[fieldIds.joinUrl]}
            onInput={(joinUrl) => props.onChange({ joinUrl })}
          />
        </>
      )}
      <NoteField
        id={fieldIds.note}
        label="Note (optional): why, for the history"
        rows={3}
        value={props.note}
        onInput={props.onNote}
      />
      <WhoHears told={props.told} cancelling={false} id="event-told" />
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button" disabled={props.busy}>
          Save the {noun(event)}
        </button>
        <button
          type="button"
          class="govuk-button govuk-button--warning"
          disabled={props.busy}
          onClick={props.onCancelEvent}
        >
          Cancel this {noun(event)}
        </button>
        <Link href="/staff/timeline" navigate={props.navigate}>
          Back to the timeline
        </Link>
      </div>
    </form>
  );
};

/** The confirmation step of a cancellation: what goes, who is emailed, yes or no. */
export const CancelConfirmation = (props: {
  event: TimelineEvent;
  zone: string;
  told: readonly Participant[] | undefined;
  note: string;
  busy: boolean;
  onNote: (note: string) => void;
  onConfirm: () => void;
  onKeep: () => void;
}) => (
  <section class="app-panel" id="confirm-cancel" aria-labelledby="confirm-cancel-heading">
    <FocusedHeading id="confirm-cancel-heading" text={`Cancel ${props.event.title}?`} />
    <p class="govuk-body">
      {kindLabels[props.event.kind]}, {eventWhen(props.event, props.zone)}. It is removed from the timeline,
      its reminders are deleted, and it cannot be brought back but by adding it again through the API.
    </p>
    <WhoHears told={props.told} cancelling id="cancel-told" />
    <NoteField
      id={fieldIds.note}
      label="Note (optional): why, for the history"
      rows={3}
      value={props.note}
      onInput={props.onNote}
    />
    <div class="govuk-button-group">
      <button
        type="button"
        class="govuk-button govuk-button--warning"
        disabled={props.busy}
        onClick={props.onConfirm}
      >
        Yes, cancel it
      </button>
      <button
        type="button"
        class="govuk-button govuk-button--secondary"
        disabled={props.busy}
        onClick={props.onKeep}
      >
        No, keep it
      </button>
    </div>
  </section>
);
