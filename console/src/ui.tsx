import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export type Navigate = (url: string, options?: { replace?: boolean }) => void;

/** A link that changes the page without reloading the console; a new tab works as usual. */
export const Link = (props: {
  href: string;
  navigate: Navigate;
  children: ComponentChildren;
  class?: string;
}) => (
  <a
    href={props.href}
    class={props.class ?? 'govuk-link'}
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
          <li key={p.message}>{p.field ? <a href={`#${p.field}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  );
};

/** The GOV.UK notification banner for what just succeeded; it takes the focus too. */
export const Banner = (props: { message: string }) => {
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
    </div>
  );
};

export const statusLabels: Record<string, string> = {
  submitted: 'Submitted',
  reviewed: 'Reviewed',
  selected: 'Selected',
  not_selected: 'Not selected',
  notified: 'Notified',
  'notified:selected': 'Notified: selected',
  'notified:not_selected': 'Notified: not selected',
  withdrawn: 'Withdrawn',
};

const tagColours: Record<string, string> = {
  submitted: 'blue',
  reviewed: 'purple',
  selected: 'green',
  not_selected: 'orange',
  notified: 'turquoise',
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
  <strong class={`govuk-tag govuk-tag--${tagColours[props.value.split(':')[0] ?? ''] ?? 'grey'}`}>
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

/** The labels of a program's project types and themes, from GET /programs/{id}. */
export interface ProgramLabels {
  name?: string;
  projectTypes: { slug: string; label: string }[];
  themes: { slug: string; label: string }[];
}

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
