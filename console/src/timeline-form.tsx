import { describedBy, Field, NoteField, PageForm, TextField } from './fields.tsx';
import type { GroupsRead, Participant } from './groups-view.ts';
import { formatDay } from './settings-view.ts';
import { Readings, WhenFields } from './timeline-fields.tsx';
import { fieldIds, toldSentence } from './timeline-save-view.ts';
import { type EventDraft, eventWhen, kindLabels, type TimelineEvent } from './timeline-view.ts';
import { FocusedHeading, Link, type Navigate, names, WarningText } from './ui.tsx';

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
    <WarningText id={props.id}>
      {toldSentence(props.told.length, props.cancelling)} <span class="app-normal">{names(props.told)}.</span>
    </WarningText>
  );

/** How the form names the event in its buttons: "meeting", "session", "event". */
export const noun = (event: TimelineEvent) =>
  event.kind === 'meeting' ? 'meeting' : event.kind === 'mentoring' ? 'session' : 'event';

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
    <PageForm labelledBy="event-heading" onSubmit={props.onSave}>
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
    </PageForm>
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
