import { type DomainError, ExpiredLinkError, InvalidLinkError } from '../domain/errors.ts';
import { linkRenewalsPerDay } from '../domain/participant-links.ts';
import { html } from '../email/html.ts';
import { linkErrorPage } from './nominator-pages.ts';
import { pageLayout } from './pages.ts';

/**
 * The button that asks for a new link, under `base` (the participant link's path, its token
 * encoded): a POST, so a mail scanner opening the page asks for nothing.
 */
export const newLinkForm = (base: string, hint: string) =>
  html`<form method="post" action="${base}/new-link" novalidate><p class="hint">${hint}</p><button type="submit" class="secondary">Send me a new link</button></form>`;

/**
 * The page a refused participant link gets (altered, not ours, expired, or replaced by a newer
 * one): what happened, and "send me a new link". The same offer whatever the link was, so the
 * page tells nobody more than the link's own refusal did. Any other refusal is `linkErrorPage`'s.
 */
export const participantLinkErrorPage = (error: DomainError, base: string, otherwise?: string) => {
  if (!(error instanceof ExpiredLinkError || error instanceof InvalidLinkError))
    return linkErrorPage(error, otherwise);
  const title = error instanceof ExpiredLinkError ? 'This link has expired' : 'This link is not valid';
  return pageLayout(
    title,
    html`<h1>${title}</h1><p>${error.message}</p>
<h2>Get a new link</h2>
<p>If you are a participant of the program, we can email a new link to your page to the address the organizers have for you.</p>
${newLinkForm(base, 'The links sent to you before it stop working.')}`,
  );
};

/** What asking for a new link answers, whatever the link named and whether an email went. */
export const newLinkAnswer = `If the link you used is a participant’s link of the program, a new link to their page is on its way to the email address the organizers have for them, and the links sent before it no longer work. We send at most ${linkRenewalsPerDay} new links a day. If no email comes, please write to the organizers at the address in your emails from the program.`;

export const newLinkSentPage = () =>
  pageLayout('Check your email', html`<h1>Check your email</h1><p>${newLinkAnswer}</p>`);
