import type { FieldSpec, SectionSpec } from '#shared/domain/field-kinds';
import { bodyOrder, nominationFields } from '#shared/domain/nomination-fields';
import type { Program } from '#shared/domain/program';
import { countryName } from './ui.tsx';

type Answers = Record<string, unknown>;

const resolve = <T,>(value: T | ((program: Program) => T), program: Program): T =>
  typeof value === 'function' ? (value as (program: Program) => T)(program) : value;

/** An answer in words, as the form offered it. */
const inWords = (field: FieldSpec, value: unknown, program: Program): string => {
  if (value === undefined || value === null) return 'Not answered';
  switch (field.kind) {
    case 'country':
      return `${countryName(String(value))} (${String(value)})`;
    case 'number':
      return Number(value).toLocaleString('en');
    case 'yes-no':
      return value ? 'Yes' : 'No';
    case 'commitment':
      return value ? 'Agreed' : 'Not agreed';
    case 'radios':
    case 'checkboxes': {
      const options = resolve(field.options, program);
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => options.find((o) => o.value === v)?.label ?? String(v)).join(', ');
    }
    default:
      return String(value);
  }
};

const fieldsOf = (section: SectionSpec): [string | undefined, FieldSpec][] =>
  'field' in section ? [[undefined, section.field]] : Object.entries(section.fields);

/** Every answer as submitted, one GOV.UK summary list per section of the form, in the form's words. */
export const Answers = (props: { nomination: Answers; program: Program }) => (
  <>
    {bodyOrder().map((key) => {
      const section = nominationFields[key] as SectionSpec;
      const answers = props.nomination[key];
      return (
        <section key={key} aria-labelledby={`answers-${key}`}>
          <h3 class="govuk-heading-s" id={`answers-${key}`}>
            {section.title}
          </h3>
          <dl class="govuk-summary-list">
            {fieldsOf(section).map(([name, field]) => (
              <div class="govuk-summary-list__row" key={name ?? key}>
                <dt class="govuk-summary-list__key">{resolve(field.label, props.program)}</dt>
                <dd class="govuk-summary-list__value app-pre-line">
                  {inWords(field, name ? (answers as Answers | undefined)?.[name] : answers, props.program)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      );
    })}
  </>
);
