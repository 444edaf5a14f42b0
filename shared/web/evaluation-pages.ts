import type { FieldIssue } from '../domain/errors.ts';
import { type Answer, type EvaluationQuestion, isRequired } from '../domain/evaluation.ts';
import { formatCalendarDate, formatInZone } from '../domain/time.ts';
import { html } from '../email/html.ts';
import type { EvaluationFormView } from '../use-cases/evaluation.ts';
import { doneBanner, pageLayout } from './pages.ts';

const ratingWords: Record<number, string> = {
  1: '1 – not at all',
  2: '2 – a little',
  3: '3 – somewhat',
  4: '4 – very',
  5: '5 – extremely',
};

const fieldId = (q: EvaluationQuestion) => `q-${q.id}`;

/** What the form shows for a question: the answer given now (after a refusal), else the one saved. */
type Shown = Record<string, string>;

const shownOf = (answers: Record<string, Answer> | undefined): Shown =>
  Object.fromEntries(
    Object.entries(answers ?? {}).map(([id, a]) => [
      id,
      typeof a === 'boolean' ? (a ? 'yes' : 'no') : String(a),
    ]),
  );

/** The hint under a rating's question: what its ends mean. */
const ratingHint = 'Choose from 1 (not at all) to 5 (extremely).';

/**
 * One question as a GOV.UK form group: radios in a fieldset whose legend is the question (with a
 * hint for a rating), or a textarea with its label. The hint and the error describe the field.
 */
const question = (q: EvaluationQuestion, value: string, error: string | undefined, disabled: boolean) => {
  const id = fieldId(q);
  const optional = isRequired(q) ? '' : ' (optional)';
  const message = error
    ? html`<span class="error-message" id="${id}-error"><span class="visually-hidden">Error: </span>${error}</span>`
    : '';
  const hint = q.kind === 'rating' ? html`<span class="hint" id="${id}-hint">${ratingHint}</span>` : '';
  const describedBy = [q.kind === 'rating' ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const described = describedBy ? html`aria-describedby="${describedBy}"` : '';
  const invalid = error ? html`aria-invalid="true"` : '';
  const off = disabled ? html`disabled` : '';
  if (q.kind === 'text') {
    return html`<div class="field${error ? ' error' : ''}"><label for="${id}">${q.text}${optional}</label>${message}<textarea id="${id}" name="${q.id}" rows="5" maxlength="4000" ${described} ${invalid} ${off}>${value}</textarea></div>`;
  }
  const options =
    q.kind === 'rating'
      ? [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: ratingWords[n] ?? String(n) }))
      : [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ];
  return html`<div class="field${error ? ' error' : ''}"><fieldset id="${id}" tabindex="-1" ${described}><legend class="q">${q.text}${optional}</legend>${hint}${message}${options.map(
    (o, i) =>
      html`<label class="choice"><input type="radio" name="${q.id}" value="${o.value}" id="${i === 0 ? `${id}-first` : `${id}-${o.value}`}" ${value === o.value ? html`checked` : ''} ${off}>${o.label}</label>`,
  )}</fieldset></div>`;
};

/**
 * The hosted evaluation, a plain form that works without JavaScript: each question of the
 * program, the participant's answers so far, an error summary linking to each problem after a
 * refused answer. Read-only once it has closed; a note before it opens.
 */
export const evaluationPage = (
  view: EvaluationFormView,
  base: string,
  options: { notice?: string; issues?: FieldIssue[]; given?: Shown; conflict?: string } = {},
) => {
  const { program, state } = view;
  const title = `Evaluate the ${program.name}`;
  const back = html`<p><a href="${base}">Back to your page in the program</a></p>`;
  if (state === 'not-yet-open') {
    return pageLayout(
      title,
      html`<h1>${title}</h1><p>The evaluation opens on ${view.opensAt ? formatInZone(view.opensAt, program.timeZone) : 'a date still to be set'}. You will get an email then.</p>${back}`,
    );
  }
  const issues = options.issues ?? [];
  const errors = new Map(issues.map((i) => [i.path, i.message]));
  const shown = options.given ?? shownOf(view.response?.answers);
  const closed = state === 'closed';
  const questions = program.evaluation.questions;
  const summary = issues.length
    ? html`<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus><h2>There is a problem</h2><ul>${issues.map(
        (i) => {
          const q = questions.find((x) => x.id === i.path);
          return html`<li><a href="#${q ? (q.kind === 'text' ? fieldId(q) : `${fieldId(q)}-first`) : 'evaluation'}">${i.message}</a></li>`;
        },
      )}</ul></div>`
    : options.conflict
      ? html`<div class="error-summary" id="error-summary" tabindex="-1" role="alert" autofocus><h2>There is a problem</h2><p>${options.conflict}</p></div>`
      : '';
  return pageLayout(
    title,
    html`${doneBanner(options.notice)}${summary}
<h1>${title}</h1>
${
  closed
    ? html`<p class="inset">The evaluation closed at the end of ${formatCalendarDate(program.evaluation.closesOn)}. ${view.response ? 'These are the answers you gave. Thank you.' : 'You did not answer it.'}</p>`
    : html`<p>It takes about ten minutes. ${view.response ? 'These are your answers so far: you can change them' : 'You can change your answers after sending them'} until the end of ${formatCalendarDate(program.evaluation.closesOn)}.</p><p class="hint">The organizers read the answers together, without names.</p>`
}
<form method="post" action="${base}/evaluation" novalidate id="evaluation">
<input type="hidden" name="version" value="${String(view.response?.version ?? 0)}">
${questions.map((q) => question(q, shown[q.id] ?? '', errors.get(q.id), closed))}
${closed ? '' : html`<button type="submit">${view.response ? 'Save my changes' : 'Send my answers'}</button>`}
</form>
${back}`,
    `The evaluation of the ${program.name}`,
  );
};
