import { countryCodes } from './countries.ts';
import type { FieldIssue } from './errors.ts';
import type { Decision, NominationStatus } from './nomination-states.ts';
import type { Program } from './program.ts';
import { isIanaTimeZone } from './time-zones.ts';
import * as z from './zod.ts';

/** Names and addresses end up in email headers: no control characters, no line breaks. */
const oneLine = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
/** Long texts may keep their paragraphs, nothing else invisible. */
const paragraphs = /^(?:[^\p{Cc}\p{Zl}\p{Zp}]|[\t\n\r])*$/u;

const text = (label: string, max: number, pattern = oneLine, min = 1) =>
  z.string({ error: `Enter ${label}` }).check(
    z.trim(),
    z.minLength(min, {
      error: min === 1 ? `Enter ${label}` : `Write at least ${min} characters for ${label}`,
    }),
    z.maxLength(max, { error: `${capitalise(label)} must be ${max} characters or fewer` }),
    z.regex(pattern, {
      error:
        pattern === oneLine
          ? `${capitalise(label)} must be one line without control characters`
          : `${capitalise(label)} must not contain control characters`,
    }),
  );

const email = (label: string) =>
  z.pipe(
    z
      .string({ error: `Enter ${label}` })
      .check(
        z.trim(),
        z.minLength(1, { error: `Enter ${label}` }),
        z.maxLength(254, { error: `${capitalise(label)} must be 254 characters or fewer` }),
      ),
    z.email({ error: `Enter ${label} in the correct format, like name@library.org` }),
  );

const yesNo = (question: string) => z.boolean({ error: `Answer: ${question}` });

const commitment = (what: string) => z.literal(true, { error: `The candidate must commit to ${what}` });

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The submission body. Built per program because themes, project types and eligibility are the program's. */
const buildNominationSchema = (program: Program) => {
  const themeSlugs = program.themes.map((t) => t.slug) as [string, ...string[]];
  const projectTypes = program.projectTypes.map((t) => t.slug) as [string, ...string[]];
  const threshold = program.eligibility.minCityPopulationExclusive;
  return z.strictObject({
    library: z.strictObject(
      {
        name: text("the library's name", 200),
        city: text('the city', 120),
        country: z.string({ error: 'Choose the country' }).check(
          z.refine((code) => countryCodes.has(code), {
            error: 'Choose a country from the list (ISO 3166-1 code)',
          }),
        ),
        cityPopulation: z.int({ error: "Enter the city's population as a whole number" }).check(
          z.positive({ error: "Enter the city's population as a whole number" }),
          z.maximum(100_000_000, { error: "Enter the city's population as a whole number" }),
          z.refine((n) => n > threshold, {
            error: `Not eligible: the program is for cities of more than ${threshold.toLocaleString('en')} people`,
          }),
        ),
      },
      { error: 'Tell us about the nominating library' },
    ),
    nominator: z.strictObject(
      { name: text('your name', 120), role: text('your role', 120), email: email('your email address') },
      { error: 'Tell us about yourself, the nominator' },
    ),
    candidate: z.strictObject(
      {
        name: text("the candidate's name", 120),
        role: text("the candidate's role or title", 120),
        email: email("the candidate's email address"),
        timeZone: z
          .string({ error: "Enter the candidate's time zone" })
          .check(z.refine(isIanaTimeZone, { error: 'Enter a time zone from the list, like Europe/Madrid' })),
      },
      { error: 'Tell us about the candidate' },
    ),
    project: z.strictObject(
      {
        type: z.enum(projectTypes, { error: 'Choose the type of project' }),
        title: text("the project's title", 200),
        description: text('a description of the project', 5000, paragraphs, 20),
      },
      { error: 'Tell us about the project' },
    ),
    motivation: text("the candidate's motivation", 5000, paragraphs, 20),
    travel: z.strictObject(
      {
        libraryCoversTravel: yesNo('will the library cover travel and accommodation for the conference?'),
        conditionalOnStipend: yesNo('is participation conditional on a travel stipend?'),
      },
      { error: 'Tell us about travel to the conference' },
    ),
    themes: z
      .array(z.enum(themeSlugs, { error: 'Choose themes from the list' }), {
        error: 'Choose at least one theme',
      })
      .check(
        z.minLength(1, { error: 'Choose at least one theme' }),
        z.maxLength(themeSlugs.length),
        z.refine((list) => new Set(list).size === list.length, { error: 'Choose each theme once' }),
      ),
    commitments: z.strictObject(
      {
        workingHours: commitment('using working hours for the program'),
        activeParticipation: commitment('active participation throughout the year'),
        englishProficiency: commitment('professional exchange in English'),
      },
      { error: 'The candidate must agree to the three commitments' },
    ),
  });
};

const schemas = new WeakMap<Program, ReturnType<typeof buildNominationSchema>>();

/** The schema for a program, built once per program object rather than on every submission. */
export const nominationInputSchema = (program: Program) => {
  let schema = schemas.get(program);
  if (!schema) {
    schema = buildNominationSchema(program);
    schemas.set(program, schema);
  }
  return schema;
};

export type NominationInput = z.infer<ReturnType<typeof nominationInputSchema>>;

export interface Nomination extends NominationInput {
  id: string;
  programId: string;
  status: NominationStatus;
  decision?: Decision;
  version: number;
  submittedAt: string;
  updatedAt: string;
  reviewCount: number;
  /** Reviews that gave a score, and the sum of those scores: a review may come without one. */
  scoreCount?: number;
  scoreTotal: number;
}

/** A nomination as it is first stored: submitted, version 1, no reviews yet. */
export const newNomination = (
  input: NominationInput,
  ids: { id: string; programId: string; at: string },
): Nomination => ({
  ...input,
  id: ids.id,
  programId: ids.programId,
  status: 'submitted',
  version: 1,
  submittedAt: ids.at,
  updatedAt: ids.at,
  reviewCount: 0,
  scoreCount: 0,
  scoreTotal: 0,
});

/** zod issues as the API's `issues`: a dotted path a form can point at, and a sentence. */
export const toFieldIssues = (error: z.core.$ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: `Unknown field "${key}"` }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });

export const candidateKey = (email: string) => email.trim().toLowerCase();
