import { countriesByName } from '../domain/countries.ts';
import type { FieldIssue } from '../domain/errors.ts';
import { theConference } from '../domain/nomination-fields.ts';
import { nominationWindowState, type Program } from '../domain/program.ts';
import { formatDateInZone, formatInZone } from '../domain/time.ts';
import { html, SafeHtml } from '../email/html.ts';
import { type Field, fieldForIssue, fieldId, formSections, isGroup } from './form-fields.ts';
import { formScript, numberRules } from './form-script.ts';

const styles = `
body{font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#0b0c0c;margin:0;background:#f3f2f1}
main{max-width:42em;margin:0 auto;padding:1.5em;background:#fff}
h1{font-size:2em;line-height:1.2}fieldset{border:0;padding:0;margin:0 0 2em}legend{font-size:1.4em;font-weight:bold;margin-bottom:.5em}
.field{margin-bottom:1.4em}.field>label,.field>fieldset>legend.q{display:block;font-weight:bold;font-size:1em}
.hint{color:#505a5f;display:block;margin-bottom:.3em}
input[type=text],input[type=email],input[type=password],select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.35em;border:2px solid #0b0c0c}
textarea{min-height:8em}input:focus,select:focus,textarea:focus,a:focus,button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px}
.choice{display:block;margin:.3em 0}.choice input{width:1.3em;height:1.3em;vertical-align:middle;margin-right:.4em}
.error .error-message{color:#d4351c;font-weight:bold;display:block}.error input,.error select,.error textarea{border-color:#d4351c}
.field.error{border-left:5px solid #d4351c;padding-left:.8em}
.error-summary{border:5px solid #d4351c;padding:1em;margin-bottom:2em}.error-summary h2{margin-top:0}.error-summary a{color:#d4351c;font-weight:bold}
button{font:inherit;font-size:1.1em;background:#00703c;color:#fff;border:0;padding:.6em 1.2em;box-shadow:0 2px 0 #002d18;cursor:pointer}
.panel{background:#00703c;color:#fff;padding:1.5em;text-align:center}.panel h1{margin:0}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.inset{border-left:10px solid #b1b4b6;padding:.5em 1em;margin:1em 0}
.summary{margin:0 0 2em}.summary div{border-bottom:1px solid #b1b4b6;padding:.5em 0}.summary dt{font-weight:bold}.summary dd{margin:0;white-space:pre-wrap}
button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.notification-banner{border:5px solid #00703c;background:#00703c;margin-bottom:2em}.notification-banner:focus{outline:3px solid #fd0}
.notification-banner-title{margin:0;padding:0 .6em .3em;color:#fff;font-weight:bold}
.notification-banner-content{background:#fff;padding:.8em 1em}.notification-banner-content p{margin:0;font-size:1.2em;font-weight:bold}
.warning-text{position:relative;margin:1em 0;padding:.4em 0 .4em 3em}.warning-text-icon{position:absolute;left:0;top:50%;transform:translateY(-50%);box-sizing:border-box;width:1.75em;height:1.75em;border:3px solid #0b0c0c;border-radius:50%;background:#0b0c0c;color:#fff;font-size:1.2em;font-weight:bold;line-height:1.3;text-align:center}
.url{overflow-wrap:anywhere}
`;

/**
 * The frame of every page: the GOV.UK-like styles and one `main` for the page's body. The empty
 * icon spares the browser a request for /favicon.ico that would only fail.
 */
export const pageLayout = (title: string, body: SafeHtml, description = title): string =>
  html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><meta name="description" content="${description}"><link rel="icon" href="data:,">
<style>${new SafeHtml(styles)}</style></head>
<body><main id="main">
${body}
</main></body></html>`.value;

/** The deadline as an exact instant in the program's zone, in UTC, and (with script) in the reader's own zone. */
const deadline = (program: Program) => {
  const closes = new Date(program.nominationWindow.closesAt);
  return html`<p class="inset">Nominations close on <strong><time datetime="${closes.toISOString()}" id="deadline">${formatInZone(closes, program.timeZone)}</time></strong>, which is ${formatInZone(closes, 'UTC')}.<span id="deadline-local" hidden></span></p>`;
};

const errorSummary = (issues: { id: string; message: string }[]) =>
  issues.length === 0
    ? html`<div class="error-summary" id="error-summary" tabindex="-1" role="alert" hidden><h2>There is a problem</h2><ul></ul></div>`
    : html`<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus><h2>There is a problem</h2><ul>${issues.map(
        (i) => html`<li><a href="#${i.id}">${i.message}</a></li>`,
      )}</ul></div>`;

export type FormValues = URLSearchParams;

const control = (field: Field, values: FormValues, error: string | undefined) => {
  const { spec, name, label } = field;
  const id = fieldId(name);
  const value = values.get(name) ?? '';
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const hint = field.hint ? html`<span class="hint" id="${hintId}">${field.hint}</span>` : '';
  const message = html`<span class="error-message" id="${errorId}" ${error ? '' : html`hidden`}>${error ? html`<span class="visually-hidden">Error: </span>${error}` : ''}</span>`;
  const common = html`id="${id}" name="${name}" data-message="${spec.required}" ${describedBy ? html`aria-describedby="${describedBy}"` : ''} ${error ? html`aria-invalid="true"` : ''}`;
  const wrap = (inner: SafeHtml) =>
    html`<div class="field${error ? ' error' : ''}" data-field="${name}">${inner}</div>`;
  switch (spec.kind) {
    case 'text':
    case 'email':
    case 'number':
      return wrap(
        html`<label for="${id}">${label}</label>${hint}${message}<input ${common} type="${spec.kind === 'email' ? 'email' : 'text'}" ${spec.kind === 'number' ? html`inputmode="numeric"` : ''} ${spec.kind !== 'number' && spec.autocomplete ? html`autocomplete="${spec.autocomplete}"` : ''} maxlength="${spec.maxLength}" value="${value}" required spellcheck="false">`,
      );
    case 'textarea':
      return wrap(
        html`<label for="${id}">${label}</label>${hint}${message}<textarea ${common} maxlength="${spec.maxLength}" rows="6" required>${value}</textarea>`,
      );
    case 'country':
      return wrap(
        html`<label for="${id}">${label}</label>${hint}${message}<select ${common} required><option value="">Choose a country</option>${countries().map(
          (c) => html`<option value="${c.code}" ${c.code === value ? html`selected` : ''}>${c.name}</option>`,
        )}</select>`,
      );
    case 'timezone':
      return wrap(
        html`<label for="${id}">${label}</label>${hint}${message}<input ${common} type="text" list="time-zones" value="${value}" required autocomplete="off" spellcheck="false">`,
      );
    case 'radios':
    case 'yes-no':
    case 'checkboxes': {
      const chosen = values.getAll(name);
      const type = spec.kind === 'checkboxes' ? 'checkbox' : 'radio';
      return wrap(
        html`<fieldset id="${id}" tabindex="-1" data-message="${spec.required}" ${describedBy ? html`aria-describedby="${describedBy}"` : ''}><legend class="q">${label}</legend>${hint}${message}${field.options.map(
          (o, i) =>
            html`<label class="choice"><input type="${type}" name="${name}" value="${o.value}" id="${i === 0 ? `${id}-first` : `${id}-${o.value}`}" ${chosen.includes(o.value) ? html`checked` : ''}>${o.label}</label>`,
        )}</fieldset>`,
      );
    }
    case 'commitment':
      return wrap(
        html`${message}<label class="choice"><input ${common} type="checkbox" value="true" ${value === 'true' ? html`checked` : ''}>${label}</label>`,
      );
  }
};

// Built on the first page, not at import: the submit function loads this module too and
// renders a page only when a browser's form comes back with errors.
let timeZoneListCache: SafeHtml | undefined;
const timeZoneList = () => {
  timeZoneListCache ??= new SafeHtml(
    `<datalist id="time-zones">${Intl.supportedValuesOf('timeZone')
      .map((z) => `<option value="${z}"></option>`)
      .join('')}</datalist>`,
  );
  return timeZoneListCache;
};

let countriesCache: ReturnType<typeof countriesByName> | undefined;
const countries = () => {
  countriesCache ??= countriesByName();
  return countriesCache;
};

/**
 * The hosted nomination form (GOV.UK Design System patterns): what is needed and when
 * nominations close before the first field, an error summary linking to each field in error,
 * the error beside its field, and every answer kept when the page comes back.
 */
/** The same form, for the nominator correcting their answers from the manage link. */
export interface CorrectionForm {
  action: string;
  back: string;
  /** What the page says of changing the candidate's email address (how often more, or whom to write to). */
  addressNote?: string;
}

/**
 * What was just done, in a success notification banner (GOV.UK Design System) before the h1, which
 * takes the focus so it is read first. Its title is not a heading, so the page's headings start
 * at its h1 and run in order.
 */
export const doneBanner = (notice: string | undefined) =>
  notice
    ? html`<div class="notification-banner" role="alert" aria-labelledby="done-title" tabindex="-1" autofocus><p class="notification-banner-title" id="done-title">Success</p><div class="notification-banner-content"><p>${notice}</p></div></div>`
    : '';

export const nominationFormPage = (
  program: Program,
  now: Date,
  values: FormValues = new URLSearchParams(),
  issues: FieldIssue[] = [],
  correcting?: CorrectionForm,
): string => {
  const window = nominationWindowState(program, now);
  if (window !== 'open') return windowClosedPage(program, window);
  const sections = formSections(program);
  const errors = new Map<string, string>();
  const summary: { id: string; message: string }[] = [];
  for (const issue of issues) {
    const field = fieldForIssue(sections, issue.path);
    const id = field ? `${fieldId(field.name)}${isGroup(field) ? '-first' : ''}` : 'main';
    if (field && !errors.has(field.name)) errors.set(field.name, issue.message);
    summary.push({ id, message: issue.message });
  }
  return pageLayout(
    `${issues.length ? 'Error: ' : ''}Nominate a candidate – ${program.name}`,
    html`${errorSummary(summary)}
${
  correcting
    ? html`<h1>Correct your nomination for the ${program.name}</h1>
<p>Change any answer and save. The advisory group sees the answers as they are when it reviews. <a href="${correcting.back}">Back to your nomination</a></p>
${correcting.addressNote ? html`<p class="inset">${correcting.addressNote}</p>` : ''}`
    : html`<h1>Nominate a candidate for the ${program.name}</h1>`
}
<p>A 12-month program of the ${program.organizer} for ${program.capacity.min}–${program.capacity.max} library leaders from cities of more than ${program.eligibility.minCityPopulationExclusive.toLocaleString('en')} people.</p>
${deadline(program)}
<h2>Before you start</h2>
<p>It takes about 15 minutes. You will need:</p>
<ul>
<li>the candidate's name, role, email address and time zone;</li>
<li>a description of the urban transformation project the candidate leads;</li>
<li>why the candidate should take part;</li>
<li>whether your library can pay for travel and accommodation for ${theConference(program)}.</li>
</ul>
<p>The candidate must agree to use working hours for the program, to take part actively throughout the year and to take part in professional exchange in English.</p>
<p>Everyone who is nominated hears the decision by email by ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}.</p>
<p>The <a href="/programs/${program.id}/privacy" id="privacy-link">privacy notice</a> says what we store about you and the candidate, for how long, and how to ask for a copy or erasure.</p>
<p>Questions about the program or the nomination? Write to <a href="mailto:${program.contactEmail}" id="contact-link">${program.contactEmail}</a>.</p>
<form method="post" action="${correcting?.action ?? `/programs/${program.id}/nominations`}" novalidate id="nomination-form" data-numbers="${numberRules(program, sections)}">
${sections.map(
  (section) =>
    html`<fieldset><legend>${section.title}</legend>${section.fields.map((f) => control(f, values, errors.get(f.name)))}</fieldset>`,
)}
${timeZoneList()}
<button type="submit" id="submit">${correcting ? 'Save the corrections' : 'Send nomination'}</button>
</form>
${formScript.element}`,
    `Library directors nominate a candidate for the ${program.name}, a 12-month program for library leaders of large cities. Nominations close ${formatDateInZone(new Date(program.nominationWindow.closesAt), program.timeZone)}.`,
  );
};

const windowClosedPage = (program: Program, window: 'not-yet-open' | 'closed') => {
  const at = window === 'closed' ? program.nominationWindow.closesAt : program.nominationWindow.opensAt;
  return pageLayout(
    `Nominations ${window === 'closed' ? 'are closed' : 'are not open yet'} – ${program.name}`,
    html`<h1>Nominations for the ${program.name} ${window === 'closed' ? 'are closed' : 'are not open yet'}</h1>
<p>Nominations ${window === 'closed' ? 'closed' : 'open'} on <time datetime="${new Date(at).toISOString()}">${formatInZone(new Date(at), program.timeZone)}</time>.</p>
${window === 'closed' ? html`<p>Everyone who was nominated hears the decision by email by ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}.</p>` : ''}
<p>Questions? Write to <a href="mailto:${program.contactEmail}">${program.contactEmail}</a>.</p>`,
  );
};

export const confirmationPage = (program: Program, reference: string) =>
  pageLayout(
    `Check your email – ${program.name}`,
    html`<div class="panel"><h1>Check your email</h1><p>Your reference<br><strong id="reference">${reference}</strong></p></div>
<h2>Confirm the nomination</h2>
<p>We have sent you, the nominator, an email with a link. <strong>The nomination counts only once you open that link and confirm it, within 48 hours.</strong> Then the candidate receives an acknowledgement, with a copy to you.</p>
<p>The email also has a private link to see, correct or withdraw the nomination until the deadline. If no email arrives within a few minutes, look in your spam folder.</p>
<h2>What happens next</h2>
<p>The advisory group reviews every confirmed nomination, with an emphasis on geographic diversity and the range of projects. You will both hear the decision by email by ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}.</p>
<p><a href="/programs/${program.id}/nominate">Nominate another candidate</a></p>`,
  );
