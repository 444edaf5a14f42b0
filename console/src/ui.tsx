// Longer than most: the console's shared components and words, each small, in one place.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Reading } from './api.ts';

export type Navigate = (url: string, options?: { replace?: boolean }) => void;

/** A link that changes the page without reloading the console; a new tab works as usual. */
export const Link = (props: {
  href: string;
  navigate: Navigate;
  children: ComponentChildren;
  class?: string;
  /** The link to the page shown, in a navigation. */
  current?: boolean;
}) => (
  <a
    href={props.href}
    class={props.class ?? 'govuk-link'}
    {...(props.current ? { 'aria-current': 'page' } : {})}
    onClick={(event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      props.navigate(props.href);
    }}
  >
    {props.children}
  </a>
);

export interface Problem {
  message: string;
  /** The id of the field the message is about, for its link. */
  field?: string;
}

/** A summary's link puts the focus in its field, as GOV.UK Frontend's does: a fragment only scrolls. */
const focusField = (event: MouseEvent, id: string | undefined) => {
  const field = id ? document.getElementById(id) : null;
  if (!field) return;
  event.preventDefault();
  field.focus();
};

/** The GOV.UK error summary: it takes the focus when it appears, so the reader hears it first. */
export const ErrorSummary = (props: { title?: string; problems: Problem[] }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [props.problems]);
  if (props.problems.length === 0) return null;
  return (
    <div class="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" id="error-summary">
      <h2 class="govuk-error-summary__title">{props.title ?? 'There is a problem'}</h2>
      <ul class="govuk-list govuk-error-summary__list">
        {props.problems.map((p) => (
          <li key={p.message}>
            {p.field ? (
              <a href={`#${p.field}`} onClick={(event) => focusField(event, p.field)}>
                {p.message}
              </a>
            ) : (
              p.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};

/** The GOV.UK notification banner for what just succeeded, and what to know of it; it takes the focus too. */
export const Banner = (props: { message: string; detail?: string }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [props.message]);
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="status"
      tabIndex={-1}
      ref={ref}
    >
      <p class="govuk-notification-banner__heading">{props.message}</p>
      {props.detail && <p class="govuk-body app-banner-detail">{props.detail}</p>}
    </div>
  );
};

/** Every status in words, in the order a nomination moves through them: also the status filter's choices. */
export const statusLabels: Record<string, string> = {
  submitted: 'Submitted',
  reviewed: 'Reviewed',
  selected: 'Selected',
  not_selected: 'Not selected',
  reserve: 'On the reserve list',
  notified: 'Notified',
  'notified:selected': 'Notified: selected',
  'notified:not_selected': 'Notified: not selected',
  'notified:reserve': 'Notified: on the reserve list',
  withdrawn: 'Withdrawn',
};

const tagColours: Record<string, string> = {
  submitted: 'blue',
  reviewed: 'purple',
  selected: 'green',
  not_selected: 'orange',
  reserve: 'yellow',
  notified: 'turquoise',
  'notified:reserve': 'yellow',
  withdrawn: 'grey',
  sent: 'green',
  pending: 'blue',
  failed: 'red',
  bounced: 'red',
  complained: 'red',
  rejected: 'red',
  delivered: 'green',
  suppressed: 'grey',
};

export const Tag = (props: { value: string; label?: string }) => (
  <strong
    class={`govuk-tag govuk-tag--${tagColours[props.value] ?? tagColours[props.value.split(':')[0] ?? ''] ?? 'grey'}`}
  >
    {props.label ?? statusLabels[props.value] ?? props.value}
  </strong>
);

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
export const formatInstant = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
export const formatDate = (iso: string) => date.format(new Date(iso));

let regionNames: Intl.DisplayNames | undefined;
export const countryName = (code: string) => {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  return regionNames.of(code) ?? code;
};

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

export const labelOf = (list: { slug: string; label: string }[], slug: string) =>
  list.find((x) => x.slug === slug)?.label ?? slug;

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

/** A GOV.UK summary list of plain rows: what, and its value. */
export const SummaryList = (props: { id?: string; rows: readonly [string, ComponentChildren][] }) => (
  <dl class="govuk-summary-list" {...(props.id ? { id: props.id } : {})}>
    {props.rows.map(([key, value]) => (
      <div class="govuk-summary-list__row" key={key}>
        <dt class="govuk-summary-list__key">{key}</dt>
        <dd class="govuk-summary-list__value">{value}</dd>
      </div>
    ))}
  </dl>
);

/** A heading that takes the focus when it appears, so a keyboard user lands on what just came. */
export const FocusedHeading = (props: { id: string; text: string; small?: boolean }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [props.text]);
  const Heading = props.small ? 'h3' : 'h2';
  return (
    <Heading
      class={props.small ? 'govuk-heading-s' : 'govuk-heading-m'}
      id={props.id}
      tabIndex={-1}
      ref={ref}
    >
      {props.text}
    </Heading>
  );
};

/** A GOV.UK table's head: a column heading each, the numeric ones aligned right. */
export const TableHead = (props: { headings: readonly string[]; numeric?: readonly string[] }) => (
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      {props.headings.map((h) => (
        <th
          key={h}
          scope="col"
          class={
            props.numeric?.includes(h)
              ? 'govuk-table__header govuk-table__header--numeric'
              : 'govuk-table__header'
          }
        >
          {h}
        </th>
      ))}
    </tr>
  </thead>
);

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

/** An error in words: the API's sentence, or what the browser said. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What a page says after a save or a reload: a banner, keyed so each one is announced. */
export type Done = { at: number; message: string; detail?: string };

/** People's names, in a sentence: "Ana Lima, Chen Wei". */
export const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');

/** The page's "Loading…" status, until its first read answers or fails. */
export const Loading = (props: { reading: Pick<Reading<unknown>, 'data' | 'failure'>; text: string }) =>
  props.reading.data === undefined && props.reading.failure.length === 0 ? (
    <p class="govuk-body" role="status">
      {props.text}
    </p>
  ) : null;
