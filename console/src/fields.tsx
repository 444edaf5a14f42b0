// The GOV.UK form controls the console's forms are made of: each with its label, hint and the
// API's message beside it, described by them for screen readers.
import type { ComponentChildren } from 'preact';

/** A field's error as GOV.UK writes it, read out with the field: "Error: …". */
export const ErrorMessage = (props: { id: string; message: string | undefined }) =>
  props.message ? (
    <p class="govuk-error-message" id={props.id}>
      <span class="govuk-visually-hidden">Error:</span> {props.message}
    </p>
  ) : null;

/** The ids a field or a fieldset is described by: its hint and its error (`<id>-hint`, `<id>-error`), those it has. */
export const describedBy = (id: string, hint: unknown, error: unknown) => {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? { 'aria-describedby': ids } : {};
};

/** A GOV.UK form group: its label, hint and the API's message, around its control. */
export const Field = (props: {
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

/** A text input in a Field: spell-checked, but for a link, unless told otherwise. */
export const TextField = (props: {
  id: string;
  label: string;
  hint?: string;
  width: string;
  type?: string;
  value: string;
  error: string | undefined;
  spellcheck?: boolean;
  autocomplete?: string;
  onInput: (value: string) => void;
}) => (
  <Field id={props.id} label={props.label} error={props.error} {...(props.hint ? { hint: props.hint } : {})}>
    <input
      type={props.type ?? 'text'}
      class={`govuk-input ${props.width}${props.error ? ' govuk-input--error' : ''}`}
      id={props.id}
      value={props.value}
      spellcheck={props.spellcheck ?? props.type !== 'url'}
      {...(props.autocomplete ? { autocomplete: props.autocomplete } : {})}
      {...describedBy(props.id, props.hint, props.error)}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  </Field>
);

/** A GOV.UK textarea with its label, for the notes that go with an action. */
export const NoteField = (props: {
  id: string;
  label: string;
  rows: number;
  value: string;
  onInput: (value: string) => void;
}) => (
  <div class="govuk-form-group">
    <label class="govuk-label" for={props.id}>
      {props.label}
    </label>
    <textarea
      class="govuk-textarea"
      id={props.id}
      rows={props.rows}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
    />
  </div>
);

/** GOV.UK radios in a fieldset: one choice, each option's id `<name>-<value>`. */
export const Radios = <V extends string>(props: {
  name: string;
  legend: string;
  hint?: string;
  inline?: boolean;
  options: readonly { value: V; label: string }[];
  value: V | undefined;
  onChange: (value: V) => void;
}) => (
  <div class="govuk-form-group">
    <fieldset class="govuk-fieldset" {...(props.hint ? { 'aria-describedby': `${props.name}-hint` } : {})}>
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{props.legend}</legend>
      {props.hint && (
        <div class="govuk-hint" id={`${props.name}-hint`}>
          {props.hint}
        </div>
      )}
      <div class={props.inline ? 'govuk-radios govuk-radios--inline' : 'govuk-radios'}>
        {props.options.map((o) => (
          <div class="govuk-radios__item" key={o.value}>
            <input
              class="govuk-radios__input"
              id={`${props.name}-${o.value}`}
              name={props.name}
              type="radio"
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <label class="govuk-label govuk-radios__label" for={`${props.name}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  </div>
);

/**
 * A form the page submits itself, without a page load. The browser's own validation is off: the
 * service says what is wrong, in the error summary and beside each field, not in a bubble.
 */
export const PageForm = (props: {
  onSubmit: () => void;
  /** The id of the heading that names the form, or its name when it has no heading of its own. */
  labelledBy?: string;
  label?: string;
  class?: string;
  children: ComponentChildren;
}) => (
  <form
    {...(props.class ? { class: props.class } : {})}
    noValidate
    {...(props.labelledBy ? { 'aria-labelledby': props.labelledBy } : {})}
    {...(props.label ? { 'aria-label': props.label } : {})}
    onSubmit={(e) => {
      e.preventDefault();
      props.onSubmit();
    }}
  >
    {props.children}
  </form>
);
