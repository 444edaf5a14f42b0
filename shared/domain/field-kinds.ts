import type { Program } from './program.ts';

/**
 * The kinds of field a nomination is made of, as both its schema (nomination.ts) and the hosted
 * form (shared/web) read them: what the form shows, what the body holds, which limits and which
 * sentences apply. No zod here: the form page loads this and should not load a parser it never runs.
 */

/** A label, hint or list that is the program's: its threshold, its themes, its conference city. */
export type ForProgram<T> = T | ((program: Program) => T);

export const forProgram = <T extends string | readonly Option[]>(
  value: ForProgram<T>,
  program: Program,
): T => (typeof value === 'function' ? value(program) : value);

export interface Option {
  value: string;
  label: string;
}

interface Asked {
  label: ForProgram<string>;
  hint?: ForProgram<string>;
  /** What is wrong when there is no answer; the form shows it before sending, too. */
  required: string;
}

/** One line of text, a long text or an email address: its messages name it by `noun`. */
export interface TextField extends Asked {
  kind: 'text' | 'textarea' | 'email';
  noun: string;
  minLength: number;
  maxLength: number;
  autocomplete?: string;
}

/**
 * A whole number, typed with or without separators in at most `maxLength` characters, that must
 * be more than the program's minimum.
 */
export interface NumberField extends Asked {
  kind: 'number';
  maxLength: number;
  max: number;
  moreThan: (program: Program) => number;
  tooFew: (program: Program) => string;
}

/** An ISO 3166-1 code chosen from a list, or an IANA time zone typed with suggestions. */
export interface ListedField extends Asked {
  kind: 'country' | 'timezone';
  notListed: string;
}

/** One of the options. */
export interface ChoiceField extends Asked {
  kind: 'radios';
  options: ForProgram<readonly Option[]>;
}

/** A yes or a no, which the body holds as a boolean. */
export interface YesNoField extends Asked {
  kind: 'yes-no';
  options: readonly Option[];
}

/** Some of the options, each at most once. */
export interface ChecklistField extends Asked {
  kind: 'checkboxes';
  options: ForProgram<readonly Option[]>;
  notListed: string;
  repeated: string;
}

/** A box that must be ticked. */
export interface CommitmentField extends Asked {
  kind: 'commitment';
}

export type FieldSpec =
  | TextField
  | NumberField
  | ListedField
  | ChoiceField
  | YesNoField
  | ChecklistField
  | CommitmentField;

/** A part of the form: a group of fields under one key of the body, or one field at the top. */
export type SectionSpec =
  | { title: string; missing: string; fields: Record<string, FieldSpec> }
  | { title: string; field: FieldSpec };

/** What a field holds in the body once the schema accepts it. */
type ValueOf<F> = F extends NumberField
  ? number
  : F extends YesNoField
    ? boolean
    : F extends CommitmentField
      ? true
      : F extends ChecklistField
        ? string[]
        : string;

/** The body a set of sections describes, as the schema hands it over once accepted. */
export type BodyOf<S> = {
  [K in keyof S]: S[K] extends { fields: infer G }
    ? { [P in keyof G]: ValueOf<G[P]> }
    : S[K] extends { field: infer F }
      ? ValueOf<F>
      : never;
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const emailFormat = ' in the correct format, like name@library.org';

/** The sentences of a text field beyond "Enter …". */
export const textMessages = (field: TextField) => ({
  tooShort: `Write at least ${field.minLength} characters for ${field.noun}`,
  tooLong: `${capitalise(field.noun)} must be ${field.maxLength} characters or fewer`,
  notOneLine: `${capitalise(field.noun)} must be one line without control characters`,
  controlCharacters: `${capitalise(field.noun)} must not contain control characters`,
  badEmail: `${field.required}${emailFormat}`,
});
