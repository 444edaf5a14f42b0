import { countryName } from '../domain/countries.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { formatCalendarDate, formatDateInZone, formatInZone } from '../domain/time.ts';
import { html } from '../email/html.ts';
import type { Managed } from '../use-cases/manage-nomination.ts';
import { bodyToForm, type Field, formSections } from './form-fields.ts';
import { doneBanner, pageLayout } from './pages.ts';

/** Where the nomination stands, in the words a nominator uses. */
const standing = (n: Nomination, program: Program): string => {
  const decisionDay = formatDateInZone(new Date(program.decisionsDueAt), program.timeZone);
  switch (n.status) {
    case 'unconfirmed':
      return 'Waiting for you to confirm it with the link in your email.';
    case 'withdrawn':
      return 'Withdrawn. The advisory group no longer considers it.';
    case 'notified':
      return n.decision === 'selected'
        ? 'Selected. The candidate and you have been told by email.'
        : n.decision === 'reserve'
          ? `On the reserve list. If a place opens before ${formatCalendarDate(program.reserveUntil)}, the candidate and you will hear at once.`
          : 'Not selected this time. The candidate and you have been told by email.';
    default:
      return `Confirmed and with the advisory group. You will both hear the decision by email by ${decisionDay}.`;
  }
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

const answers = (program: Program, n: Nomination) => {
  const values = bodyToForm(n as unknown as Record<string, unknown>);
  return formSections(program).map(
    (section) =>
      html`<h2>${section.title}</h2><dl class="summary">${section.fields.map(
        (field) =>
          html`<div><dt>${field.label}</dt><dd>${shown(field, values.getAll(field.name)) || '–'}</dd></div>`,
      )}</dl>`,
  );
};

/** The nominator's page: where it stands, every answer, and what they may still do. */
export const managePage = (managed: Managed, base: string, notice?: string) => {
  const { nomination: n, program, canCorrect, canWithdraw } = managed;
  const closes = formatInZone(new Date(program.nominationWindow.closesAt), program.timeZone);
  return pageLayout(
    `Your nomination – ${program.name}`,
    html`${doneBanner(notice)}
<h1>Your nomination of ${n.candidate.name}</h1>
<p class="inset"><strong>${standing(n, program)}</strong></p>
<p>Reference: <strong>${n.id}</strong></p>
${canCorrect ? html`<p><a href="${base}/edit">Correct the answers</a> (until ${closes})</p>` : ''}
${canWithdraw ? html`<p><a href="${base}/withdraw">Withdraw the nomination</a></p>` : ''}
${!canCorrect && !canWithdraw && n.status !== 'withdrawn' ? html`<p>Nothing can be changed here any more. For a change, write to the organizers.</p>` : ''}
${answers(program, n)}`,
    `Your nomination for the ${program.name}`,
  );
};

/** The step before withdrawing, so one stray click withdraws nothing. */
export const withdrawPage = (managed: Managed, base: string) =>
  pageLayout(
    `Withdraw your nomination – ${managed.program.name}`,
    html`<h1>Withdraw your nomination of ${managed.nomination.candidate.name}?</h1>
<p>The advisory group will no longer consider it. This cannot be undone, but you may nominate the candidate again while nominations are open.</p>
<form method="post" action="${base}/withdraw" novalidate><button type="submit" class="warning">Yes, withdraw it</button></form>
<p><a href="${base}">No, keep it</a></p>`,
  );
