// The parts of an event's form that are more than a field: its date and time (or, for a session
// known only by its month, the choice to give it one) and its readings.
import { describedBy, Field, Radios, TextField } from './fields.tsx';
import { zoneName } from './settings-view.ts';
import { fieldIds, readingId } from './timeline-save-view.ts';
import { type EventDraft, eventWhen, hasTime, mayBeDated, type TimelineEvent } from './timeline-view.ts';

/** The date and time of an event that has one, or may be given one: a wall time of its zone. */
export const WhenFields = (props: {
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
export const Readings = (props: {
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
