import { type DomainError, ExpiredLinkError, InvalidLinkError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { formatDateInZone, formatInZone } from '../domain/time.ts';
import { html } from '../email/html.ts';
import { pageLayout } from './pages.ts';

const decisionDay = (program: Program) =>
  formatDateInZone(new Date(program.decisionsDueAt), program.timeZone);

/**
 * The confirmation link opens this page; only its button confirms. Mail scanners open links to
 * look at them, and a GET that confirmed would confirm for them.
 */
export const confirmPage = (program: Program, nomination: Nomination, action: string) =>
  pageLayout(
    `Confirm your nomination – ${program.name}`,
    html`<h1>Confirm your nomination</h1>
<p>You nominated <strong>${nomination.candidate.name}</strong> of ${nomination.library.name}, ${nomination.library.city}, for the ${program.name}.</p>
<p>Once you confirm, the nomination goes to the advisory group and the candidate receives an acknowledgement, with a copy to you.</p>
${nomination.confirmBy ? html`<p class="inset">Please confirm by <strong>${formatInZone(new Date(nomination.confirmBy), program.timeZone)}</strong>. After that it is deleted.</p>` : ''}
<form method="post" action="${action}" novalidate><button type="submit">Confirm the nomination</button></form>`,
    `Confirm your nomination for the ${program.name}`,
  );

/** After confirming, and for a link opened again later: the same words whatever was found. */
export const confirmedPage = (program: Program) =>
  pageLayout(
    `Nomination confirmed – ${program.name}`,
    html`<div class="panel"><h1>Nomination confirmed</h1></div>
<h2>What happens next</h2>
<p>We have sent you an email about it. The advisory group reviews every nomination, with an emphasis on geographic diversity and the range of projects.</p>
<p>Everyone nominated hears the decision by email by ${decisionDay(program)}.</p>
<p><a href="/programs/${program.id}/nominate">Nominate another candidate</a></p>`,
  );

/** A link that is not ours, altered, or past its time: what happened and what to do, in words. */
export const linkProblemPage = (title: string, message: string) =>
  pageLayout(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/">Go to the nomination form</a></p>`);

/**
 * The page a private link's refusal gets: a link past its time, or one we did not sign, says so;
 * any other refusal gets `otherwise` as its title, or no page (JSON) when there is none.
 */
export const linkErrorPage = (error: DomainError, otherwise?: string): string | undefined => {
  if (error instanceof ExpiredLinkError) return linkProblemPage('This link has expired', error.message);
  if (error instanceof InvalidLinkError) return linkProblemPage('This link is not valid', error.message);
  return otherwise === undefined ? undefined : linkProblemPage(otherwise, error.message);
};

/** A form another site's page sent to one of our public routes: refused, with what to do instead. */
export const crossSitePage = () =>
  linkProblemPage(
    'This form was sent from another site',
    'We take forms only from our own pages, so that no other site can send one in your name. Nothing was sent. Open the page on this site and send the form from there.',
  );
