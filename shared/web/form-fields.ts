import { type FieldSpec, forProgram, type Option, type SectionSpec } from '../domain/field-kinds.ts';
import { bodyOrder, nominationFields } from '../domain/nomination-fields.ts';
import type { Program } from '../domain/program.ts';

/** A field as the form shows it: the nomination's field with the program's words filled in. */
export interface Field {
  /** The body's dotted path, so a server-side issue at "library.cityPopulation" lands on its field. */
  name: string;
  spec: FieldSpec;
  label: string;
  hint?: string;
  /** The program's choices for radio buttons and checkboxes; none for other fields. */
  options: readonly Option[];
}

export interface Section {
  title: string;
  fields: Field[];
}

const formField = (name: string, spec: FieldSpec, program: Program): Field => ({
  name,
  spec,
  label: forProgram(spec.label, program),
  hint: spec.hint && forProgram(spec.hint, program),
  options: 'options' in spec ? forProgram(spec.options, program) : [],
});

/** The form's sections in the order the nomination's fields give. */
export const formSections = (program: Program): Section[] =>
  Object.entries(nominationFields).map(([key, section]) => ({
    title: section.title,
    fields:
      'field' in section
        ? [formField(key, section.field, program)]
        : Object.entries(section.fields).map(([k, spec]) => formField(`${key}.${k}`, spec, program)),
  }));

export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** Radio buttons and checkboxes: a group whose first box is what a link to the field focuses. */
export const isGroup = (field: Field) => 'options' in field.spec;

/** The form field an API issue path points at ("themes.2" is the themes group). */
export const fieldForIssue = (sections: Section[], path: string): Field | undefined => {
  const fields = sections.flatMap((s) => s.fields);
  return fields.find((f) => f.name === path) ?? fields.find((f) => path.startsWith(`${f.name}.`));
};

/** What people put between thousands: "1,250,000", "1 250 000", "1’250’000". */
export const digitSeparators = /[\s,._'’]/g;

const integer = (raw: string, maxDigits: number) => {
  const digits = raw.replace(digitSeparators, '');
  return digits.length <= maxDigits && /^\d+$/.test(digits) ? Number(digits) : raw;
};

const answer = (raw: string | null) => (raw === 'yes' ? true : raw === 'no' ? false : undefined);

/** Text stays text, so the one schema judges both; only what a form cannot express is converted. */
const bodyValue = (spec: FieldSpec, name: string, fields: URLSearchParams): unknown => {
  switch (spec.kind) {
    case 'number':
      return integer(fields.get(name) ?? '', spec.maxLength);
    case 'yes-no':
      return answer(fields.get(name));
    case 'checkboxes':
      return fields.getAll(name);
    case 'commitment':
      return fields.get(name) === 'true' || undefined;
    default:
      return fields.get(name) ?? undefined;
  }
};

/** A urlencoded form post as the JSON body, every field of the nomination in its place. */
export const formToBody = (fields: URLSearchParams): unknown =>
  Object.fromEntries(
    bodyOrder().map((key) => {
      const section: SectionSpec = nominationFields[key];
      return [
        key,
        'field' in section
          ? bodyValue(section.field, key, fields)
          : Object.fromEntries(
              Object.entries(section.fields).map(([k, spec]) => [k, bodyValue(spec, `${key}.${k}`, fields)]),
            ),
      ];
    }),
  );

const formValues = (spec: FieldSpec, value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  switch (spec.kind) {
    case 'yes-no':
      return [value ? 'yes' : 'no'];
    case 'checkboxes':
      return (value as unknown[]).map(String);
    case 'commitment':
      return value ? ['true'] : [];
    default:
      return [String(value)];
  }
};

/** The form's values for answers as stored: what `formToBody` reads back as the same answers. */
export const bodyToForm = (body: Record<string, unknown>): URLSearchParams => {
  const fields = new URLSearchParams();
  for (const key of bodyOrder()) {
    const section: SectionSpec = nominationFields[key];
    const answer = body[key];
    const entries: [string, FieldSpec, unknown][] =
      'field' in section
        ? [[key, section.field, answer]]
        : Object.entries(section.fields).map(([k, spec]) => [
            `${key}.${k}`,
            spec,
            (answer as Record<string, unknown> | undefined)?.[k],
          ]);
    for (const [name, spec, value] of entries) {
      for (const text of formValues(spec, value)) fields.append(name, text);
    }
  }
  return fields;
};
