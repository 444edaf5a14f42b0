import { html, SafeHtml } from '#shared/email/html';
import { pageLayout } from '#shared/web/pages';

/**
 * The local provider's own pages, in the form's GOV.UK-like frame: they work without
 * JavaScript and load nothing from elsewhere (oidc-provider's defaults fetch a web font).
 */

export const loginFailure = 'Enter the email address and password of a local staff account';

/** The sign-in form of one interaction; with `failed`, again with the error and the email kept. */
export const loginPage = (action: string, options: { email?: string; failed?: boolean } = {}) => {
  const { email = '', failed = false } = options;
  const describedBy = failed ? 'email-error' : undefined;
  return pageLayout(
    failed ? 'Error: Sign in – MetLib staff (local)' : 'Sign in – MetLib staff (local)',
    html`<h1>Sign in</h1>
${
  failed
    ? html`<div class="error-summary" tabindex="-1" role="alert" autofocus><h2>There is a problem</h2><ul><li><a href="#email">${loginFailure}</a></li></ul></div>`
    : ''
}
<p>Staff of the MetLib nominations, on this machine's OpenID provider. <code>npm start</code> prints the accounts and their password.</p>
<form method="post" action="${action}" novalidate>
<div class="field${failed ? ' error' : ''}">
<label for="email">Email address</label>
${failed ? html`<span class="error-message" id="email-error"><span class="visually-hidden">Error:</span> ${loginFailure}</span>` : ''}
<input type="email" id="email" name="email" value="${email}" autocomplete="username" spellcheck="false"${new SafeHtml(describedBy ? ` aria-describedby="${describedBy}"` : '')}${new SafeHtml(failed ? '' : ' autofocus')}>
</div>
<div class="field${failed ? ' error' : ''}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password"${new SafeHtml(describedBy ? ` aria-describedby="${describedBy}"` : '')}>
</div>
<button type="submit">Sign in</button>
</form>`,
  );
};

/** The sign-out question: `form` is the provider's hidden form, the button submits it. */
export const logoutPage = (form: string) =>
  pageLayout(
    'Sign out – MetLib staff (local)',
    html`<h1>Sign out</h1>
<p>Sign out of the MetLib staff console on this machine?</p>
${new SafeHtml(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>`,
  );

export const signedOutPage = () =>
  pageLayout('Signed out – MetLib staff (local)', html`<h1>You have signed out</h1>`);

export const errorPage = (title: string, message: string) =>
  pageLayout(`${title} – MetLib staff (local)`, html`<h1>${title}</h1><p>${message}</p>`);
