import { emailFormat } from '../domain/field-kinds.ts';
import type { Program } from '../domain/program.ts';
import { digitSeparators, type Section } from './form-fields.ts';
import { inlineScript } from './inline-script.ts';

/** A number's rules as the script checks them, keyed by field name. */
type NumberRules = Record<string, { digits: number; moreThan: number; tooFew: string }>;

/** A value in the script's source: JSON, with no "<" that could end the script element. */
const literal = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The little script the form page carries. The form works without it (the server validates and
 * re-renders); with it, a person sees the same messages without a round trip, and the deadline
 * in their own time zone. It is the same for every program and request, so the pages' CSP allows
 * it by its hash; the program's rules for numbers come in the form's `data-numbers` attribute.
 */
const source = `
(function () {
  var deadline = document.getElementById('deadline');
  var local = document.getElementById('deadline-local');
  if (deadline && local) {
    // The same shape as the server's: "Friday 16 February 2024, 13:59 (Tokyo time, UTC+9)".
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var p = {};
    new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' })
      .formatToParts(new Date(deadline.getAttribute('datetime')))
      .forEach(function (part) { p[part.type] = part.value; });
    var offset = (p.timeZoneName || 'GMT').replace('GMT', 'UTC').replace('-', '\u2212');
    var place = zone.split('/').pop().replace(/_/g, ' ');
    local.textContent = ' In your time zone (' + zone + ') that is ' + p.weekday + ' ' + p.day + ' ' + p.month + ' ' +
      p.year + ', ' + p.hour + ':' + p.minute + ' (' + place + ' time, ' + offset + ').';
    local.hidden = false;
  }
  var form = document.getElementById('nomination-form');
  if (!form) return;
  var summary = document.getElementById('error-summary');
  var emailPattern = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;
  var numbers = JSON.parse(form.getAttribute('data-numbers') || '{}');

  function problem(field) {
    var name = field.getAttribute('data-field');
    var control = field.querySelector('[data-message]');
    var message = control.getAttribute('data-message');
    var boxes = field.querySelectorAll('input[type=radio], input[type=checkbox]');
    if (boxes.length) {
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) return null;
      return message;
    }
    var value = control.value.trim();
    if (value === '') return message;
    if (control.type === 'email' && !emailPattern.test(value)) return message + ${literal(emailFormat)};
    var rule = numbers[name];
    if (rule) {
      var digits = value.replace(/${digitSeparators.source}/g, '');
      if (!/^\\d+$/.test(digits) || digits.length > rule.digits) return message;
      if (Number(digits) <= rule.moreThan) return rule.tooFew;
    }
    return null;
  }

  function show(field, message) {
    var error = field.querySelector('.error-message');
    field.classList.toggle('error', Boolean(message));
    error.hidden = !message;
    error.textContent = message ? 'Error: ' + message : '';
    var control = field.querySelector('[data-message]');
    if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
  }

  function target(field) {
    var first = field.querySelector('input[type=radio], input[type=checkbox]');
    return (first && field.querySelector('fieldset')) ? first.id : field.querySelector('[data-message]').id;
  }

  form.addEventListener('submit', function (event) {
    var fields = form.querySelectorAll('[data-field]');
    var list = summary.querySelector('ul');
    list.textContent = '';
    var count = 0;
    for (var i = 0; i < fields.length; i++) {
      var message = problem(fields[i]);
      show(fields[i], message);
      if (message) {
        count++;
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#' + target(fields[i]);
        link.textContent = message;
        item.appendChild(link);
        list.appendChild(item);
      }
    }
    if (count > 0) {
      event.preventDefault();
      summary.hidden = false;
      document.title = document.title.indexOf('Error: ') === 0 ? document.title : 'Error: ' + document.title;
      summary.focus();
      return;
    }
    var button = document.getElementById('submit');
    if (button.getAttribute('data-sent')) { event.preventDefault(); return; }
    // A double click must not send the nomination twice.
    button.setAttribute('data-sent', 'true');
  });

  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a');
    if (!link) return;
    var el = document.getElementById(link.getAttribute('href').slice(1));
    if (el) { event.preventDefault(); el.focus(); el.scrollIntoView({ block: 'center' }); }
  });

  var focusSummary = summary && !summary.hidden;
  if (focusSummary) summary.focus();
})();
`;

/** The form page's script element and its hash (`'sha256-…'`), for the pages' CSP. */
export const formScript = inlineScript(source);

/** The program's rules for the numbers of the form, as the script reads them from `data-numbers`. */
export const numberRules = (program: Program, sections: Section[]): string => {
  const numbers: NumberRules = {};
  for (const { name, spec } of sections.flatMap((s) => s.fields)) {
    if (spec.kind === 'number') {
      numbers[name] = {
        digits: spec.maxLength,
        moreThan: spec.moreThan(program),
        tooFew: spec.tooFew(program),
      };
    }
  }
  return JSON.stringify(numbers);
};
