import type { ComponentChildren } from 'preact';
import { EvaluationSection } from './evaluation-questions-form.tsx';
import type { EvaluationState, QuestionDraft } from './evaluation-questions-view.ts';
import { describedBy, ErrorMessage, Field, NoteField, PageForm } from './fields.tsx';
import { type SettingField, settingFields, settingGroups, settingId, zoneName } from './settings-view.ts';

const inputs = {
  instant: { type: 'datetime-local', class: 'govuk-input govuk-input--width-20' },
  date: { type: 'date', class: 'govuk-input govuk-input--width-10' },
  count: { type: 'text', class: 'govuk-input govuk-input--width-3', inputMode: 'numeric' },
  email: {
    type: 'email',
    class: 'govuk-input govuk-input--width-30',
    autocomplete: 'off',
    spellcheck: false,
  },
} as const;

/** One setting: a GOV.UK form group with its label, hint, the API's message and its input. */
const Setting = (props: {
  field: SettingField;
  hint?: string;
  value: string;
  error: string | undefined;
  onInput: (path: string, value: string) => void;
}) => {
  const { field } = props;
  const id = settingId(field.path);
  const { class: classes, ...input } = inputs[field.kind];
  return (
    <Field
      id={id}
      label={field.short ?? field.label}
      error={props.error}
      {...(props.hint ? { hint: props.hint } : {})}
    >
      <input
        {...input}
        class={props.error ? `${classes} govuk-input--error` : classes}
        id={id}
        value={props.value}
        {...describedBy(id, props.hint, props.error)}
        onInput={(e) => props.onInput(field.path, e.currentTarget.value)}
      />
    </Field>
  );
};

/** Settings made of several values (the window, places, stipends): a fieldset, its hint and its issue. */
const Group = (props: {
  name: string;
  hint: string;
  error: string | undefined;
  children: ComponentChildren;
}) => {
  const id = `setting-group-${props.name}`;
  return (
    <div class={props.error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset class="govuk-fieldset" {...describedBy(id, props.hint, props.error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{settingGroups[props.name]}</legend>
        <div class="govuk-hint" id={`${id}-hint`}>
          {props.hint}
        </div>
        <ErrorMessage id={`${id}-error`} message={props.error} />
        {props.children}
      </fieldset>
    </div>
  );
};

/** Why a setting matters, under its label; the instants name the zone they are in. */
const hints = (timeZone: string): Record<string, string> => {
  const zone = `${zoneName(timeZone)} (${timeZone})`;
  return {
    nominationWindow: `The form takes nominations from the first to the second, in ${zone}.`,
    decisionsDueAt: `In ${zone}. Applicants hear the decisions then.`,
    lateDecisionsBy:
      'Applicants still undecided when decisions are due are told they will hear by the end of this day.',
    reserveUntil: 'A place that opens until the end of this day is offered to the first on the reserve list.',
    capacity: 'How many participants the program takes.',
    travelStipends: 'How many travel stipends it offers.',
    contactEmail:
      'Applicants and participants write to it: the form shows it, and every email replies to it.',
    'certificateRule.meetingsAttended':
      'A participant present at this many of the monthly meetings gets the certificate; the others get their attendance record.',
    'evaluation.closesOn': 'Answers are taken until the end of this day.',
  };
};

/**
 * The settings form: each setting as the program's zone shows it, and a note for the history.
 * The service says what is wrong, from the API, rather than the browser's bubbles.
 */
export const SettingsForm = (props: {
  timeZone: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  note: string;
  busy: boolean;
  evaluationState: EvaluationState | undefined;
  questions: readonly QuestionDraft[];
  onQuestions: (questions: QuestionDraft[]) => void;
  onInput: (path: string, value: string) => void;
  onNote: (note: string) => void;
  onSave: () => void;
}) => {
  const hint = hints(props.timeZone);
  const setting = (field: SettingField, withHint: boolean) => (
    <Setting
      key={field.path}
      field={field}
      {...(withHint && hint[field.path] ? { hint: hint[field.path] } : {})}
      value={props.values[field.path] ?? ''}
      error={props.errors[field.path]}
      onInput={props.onInput}
    />
  );
  const groups = new Set<string>();
  return (
    <PageForm labelledBy="settings-form-heading" onSubmit={props.onSave}>
      <h2 class="govuk-heading-m" id="settings-form-heading">
        Change the settings
      </h2>
      {settingFields.map((field) => {
        const [name] = field.path.split('.') as [string];
        if (name === 'evaluation') return null;
        if (!settingGroups[name]) return setting(field, true);
        if (groups.has(name)) return null;
        groups.add(name);
        return (
          <Group key={name} name={name} hint={hint[name] ?? ''} error={props.errors[name]}>
            {settingFields.filter((f) => f.path.startsWith(`${name}.`)).map((f) => setting(f, false))}
          </Group>
        );
      })}
      <EvaluationSection
        state={props.evaluationState}
        closesOn={props.values['evaluation.closesOn'] ?? ''}
        closingDay={settingFields
          .filter((f) => f.path === 'evaluation.closesOn')
          .map((f) => setting(f, true))}
        questions={props.questions}
        errors={props.errors}
        onQuestions={props.onQuestions}
      />
      <NoteField
        id={settingId('note')}
        label="Note (optional): why, for the history"
        rows={3}
        value={props.note}
        onInput={props.onNote}
      />
      <button type="submit" class="govuk-button" disabled={props.busy}>
        Save the settings
      </button>
    </PageForm>
  );
};
