// The console's shared components and words, each small, in one place; its form controls are in
// fields.tsx.
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

/** The GOV.UK warning text: its icon, "Warning" for screen readers, and what to heed. */
export const WarningText = (props: { id: string; children: ComponentChildren }) => (
  <div class="govuk-warning-text" id={props.id}>
    <span class="govuk-warning-text__icon" aria-hidden="true">
      !
    </span>
    <div class="govuk-warning-text__text">
      <span class="govuk-visually-hidden">Warning: </span>
      {props.children}
    </div>
  </div>
);

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

/** An error in words: the API's sentence, or what the browser said. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What a page says after a save or a reload: a banner, keyed so each one is announced. */
export type Done = { at: number; message: string; detail?: string };

/** The banner of what a page just did: a new one each time, so the same words are announced again. */
export const DoneBanner = (props: { done: Done | undefined }) =>
  props.done ? (
    <Banner
      key={props.done.at}
      message={props.done.message}
      {...(props.done.detail ? { detail: props.done.detail } : {})}
    />
  ) : null;

/** After a refusal that left the page stale: what reading again does, and the button that does it. */
export const ReloadPanel = (props: {
  label: string;
  busy: boolean;
  onReload: () => void;
  children: ComponentChildren;
}) => (
  <div class="app-panel" id="reload">
    <p class="govuk-body">{props.children}</p>
    <button
      type="button"
      class="govuk-button govuk-button--secondary"
      disabled={props.busy}
      onClick={props.onReload}
    >
      {props.label}
    </button>
  </div>
);

/** People's names, in a sentence: "Ana Lima, Chen Wei". */
export const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');

/** The page's "Loading…" status, until its first read answers or fails. */
export const Loading = (props: { reading: Pick<Reading<unknown>, 'data' | 'failure'>; text: string }) =>
  props.reading.data === undefined && props.reading.failure.length === 0 ? (
    <p class="govuk-body" role="status">
      {props.text}
    </p>
  ) : null;
