import { countryName } from '../domain/countries.ts';
import type { Program } from '../domain/program.ts';
import { formatCalendarDate, formatDateInZone, formatInZone } from '../domain/time.ts';
import { html } from '../email/html.ts';
import type { ManagedView } from '../http/present-managed.ts';
import { addressLockedMessage } from '../use-cases/manage-nomination.ts';
import { bodyToForm, type Field, formSections } from './form-fields.ts';
import { doneBanner, pageLayout } from './pages.ts';

/** Where the nomination stands, in the words a nominator uses. */
const standing = (view: ManagedView, program: Program): string => {
  switch (view.standing) {
    case 'awaiting-confirmation':
      return 'Waiting for you to confirm it with the link in your email.';
    case 'withdrawn':
      return 'Withdrawn. The advisory group no longer considers it.';
    case 'selected':
      return 'Selected. The candidate and you have been told by email.';
    case 'reserve':
      return `On the reserve list. If a place opens before ${formatCalendarDate(program.reserveUntil)}, the candidate and you will hear at once.`;
    case 'not-selected':
      return 'Not selected this time. The candidate and you have been told by email.';
    case 'with-the-advisory-group':
      return `Confirmed and with the advisory group. You will both hear the decision by email by ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}.`;
  }
};

/** Whether the candidate may still be given a new address here, and else whom to write to. */
export const addressNote = (view: ManagedView, program: Program): string | undefined => {
  const left = view.candidateAddressChangesLeft;
  if (left === undefined) return undefined;
  return left > 0
    ? `You may give the candidate a new email address ${left === 1 ? 'once more' : `${left} more times`} here; the new address is told of the nomination.`
    : `${addressLockedMessage(program)}.`;
};

const shown = (field: Field, values: string[]) => {
  if (field.name === 'library.country') return values.map((v) => `${countryName(v)} (${v})`).join(', ');
  if (field.options.length > 0) {
    return values.map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(', ');
  }
  if (field.spec.kind === 'yes-no') return values[0] === 'yes' ? 'Yes' : 'No';
  if (field.spec.kind === 'commitment') return values.length > 0 ? 'Agreed' : 'Not agreed';
  return values.join(', ');
};

const answers = (program: Program, view: ManagedView) => {
  const values = bodyToForm(view);
  return formSections(program).map(
    (section) =>
      html`<h2>${section.title}</h2><dl class="summary">${section.fields.map(
        (field) =>
          html`<div><dt>${field.label}</dt><dd>${shown(field, values.getAll(field.name)) || '–'}</dd></div>`,
      )}</dl>`,
  );
};

/**
 * The nominator's page: where it stands, every answer, and what they may still do. It renders from
 * the view the JSON answer is, and the program's public dates: it cannot show what the JSON hides.
 */
export const managePage = (view: ManagedView, program: Program, base: string, notice?: string) => {
  const closes = formatInZone(new Date(program.nominationWindow.closesAt), program.timeZone);
  const note = addressNote(view, program);
  return pageLayout(
    `Your nomination – ${program.name}`,
    html`${doneBanner(notice)}
<h1>Your nomination of ${view.candidate.name}</h1>
<p class="inset"><strong>${standing(view, program)}</strong></p>
<p>Reference: <strong>${view.id}</strong></p>
${view.canCorrect ? html`<p><a href="${base}/edit">Correct the answers</a> (until ${closes})</p>` : ''}
${note ? html`<p>${note}</p>` : ''}
${view.canWithdraw ? html`<p><a href="${base}/withdraw">Withdraw the nomination</a></p>` : ''}
${!view.canCorrect && !view.canWithdraw && view.standing !== 'withdrawn' ? html`<p>Nothing can be changed here any more. For a change, write to the organizers at <a href="mailto:${view.contactEmail}">${view.contactEmail}</a>.</p>` : ''}
${answers(program, view)}`,
    `Your nomination for the ${program.name}`,
  );
};

/** The step before withdrawing, so one stray click withdraws nothing. */
export const withdrawPage = (view: ManagedView, program: Program, base: string) =>
  pageLayout(
    `Withdraw your nomination – ${program.name}`,
    html`<h1>Withdraw your nomination of ${view.candidate.name}?</h1>
<p>The advisory group will no longer consider it. This cannot be undone, but you may nominate the candidate again while nominations are open.</p>
<form method="post" action="${base}/withdraw" novalidate><button type="submit" class="warning">Yes, withdraw it</button></form>
<p><a href="${base}">No, keep it</a></p>`,
  );
