import type {
  ChecklistField,
  ChoiceField,
  CommitmentField,
  ForProgram,
  ListedField,
  NumberField,
  Option,
  SectionSpec,
  TextField,
  YesNoField,
} from './field-kinds.ts';
import type { Program } from './program.ts';

/**
 * Every field of a nomination, once: where it sits in the body, how the form asks for it, its
 * limits and the sentences that say what is wrong. The schema (nomination.ts) and the hosted form
 * (shared/web) are both made from this, so a limit or a message is written here and nowhere else.
 */

const nameLength = 120;
const titleLength = 200;
/** The longest address SMTP carries (RFC 5321). */
const emailLength = 254;
const longText = { minLength: 20, maxLength: 5000 };

type Extra = Pick<TextField, 'hint' | 'autocomplete'>;

const line = (label: string, noun: string, maxLength: number, extra: Extra = {}): TextField => ({
  kind: 'text',
  label,
  noun,
  required: `Enter ${noun}`,
  minLength: 1,
  maxLength,
  ...extra,
});

const email = (label: string, noun: string, extra: Extra = {}): TextField => ({
  ...line(label, noun, emailLength, extra),
  kind: 'email',
});

const paragraphs = (label: string, noun: string, hint: string): TextField => ({
  ...line(label, noun, longText.maxLength, { hint: `${hint} At least ${longText.minLength} characters.` }),
  kind: 'textarea',
  minLength: longText.minLength,
});

const yesNo = (label: ForProgram<string>, question: string, hint?: ForProgram<string>): YesNoField => ({
  kind: 'yes-no',
  label,
  hint,
  required: `Answer: ${question}`,
  options: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
});

const commitment = (label: string, what: string): CommitmentField => ({
  kind: 'commitment',
  label,
  required: `The candidate must commit to ${what}`,
});

const minPopulation = (program: Program) =>
  program.eligibility.minCityPopulationExclusive.toLocaleString('en');

const slugs = (list: readonly { slug: string; label: string }[]): Option[] =>
  list.map((t) => ({ value: t.slug, label: t.label }));

/** "the conference in Barcelona": the city is the first part of the conference's place in the timeline. */
export const theConference = (program: Program) => {
  const city = program.timeline
    .find((e) => e.kind === 'conference')
    ?.location?.split(',')[0]
    ?.trim();
  return city ? `the conference in ${city}` : 'the conference';
};

/**
 * In the form's order, as a library director thinks (GOV.UK patterns): the library, you, the
 * candidate, the project, motivation, themes, travel, commitments. Keys are the body's.
 */
export const nominationFields = {
  library: {
    title: 'The nominating library',
    missing: 'Tell us about the nominating library',
    fields: {
      name: line('Name of the library', "the library's name", titleLength, { autocomplete: 'organization' }),
      city: line('City', 'the city', nameLength, { autocomplete: 'address-level2' }),
      country: {
        kind: 'country',
        label: 'Country',
        required: 'Choose the country',
        notListed: 'Choose a country from the list (ISO 3166-1 code)',
      } satisfies ListedField,
      cityPopulation: {
        kind: 'number',
        label: 'Population of the city',
        hint: (program) =>
          `The program is for libraries serving cities of more than ${minPopulation(program)} people. For example 1250000.`,
        required: "Enter the city's population as a whole number",
        maxLength: 12,
        /** More than any city holds: beyond it is a typo. */
        max: 100_000_000,
        moreThan: (program) => program.eligibility.minCityPopulationExclusive,
        tooFew: (program) =>
          `Not eligible: the program is for cities of more than ${minPopulation(program)} people`,
      } satisfies NumberField,
    },
  },
  nominator: {
    title: 'You, the nominator',
    missing: 'Tell us about yourself, the nominator',
    fields: {
      name: line('Your full name', 'your name', nameLength, { autocomplete: 'name' }),
      role: line('Your role', 'your role', nameLength, {
        hint: 'For example, Library Director',
        autocomplete: 'organization-title',
      }),
      email: email('Your email address', 'your email address', {
        hint: 'We send a copy of the acknowledgement and the decision here.',
        autocomplete: 'email',
      }),
    },
  },
  candidate: {
    title: 'The candidate',
    missing: 'Tell us about the candidate',
    fields: {
      name: line("Candidate's full name", "the candidate's name", nameLength, {
        hint: 'As it should appear on the participation certificate.',
      }),
      role: line("Candidate's role or title", "the candidate's role or title", nameLength, {
        hint: 'For example, Head of Branch Development',
      }),
      email: email("Candidate's email address", "the candidate's email address"),
      timeZone: {
        kind: 'timezone',
        label: "Candidate's time zone",
        hint: 'Where the candidate works, for example Europe/Madrid or Asia/Kolkata. Meeting times are shown to them in this zone.',
        required: "Enter the candidate's time zone",
        notListed: 'Enter a time zone from the list, like Europe/Madrid',
      } satisfies ListedField,
    },
  },
  project: {
    title: 'The urban transformation project',
    missing: 'Tell us about the project',
    fields: {
      type: {
        kind: 'radios',
        label: 'What kind of project does the candidate lead?',
        required: 'Choose the type of project',
        options: (program) => slugs(program.projectTypes),
      } satisfies ChoiceField,
      title: line('Project title', "the project's title", titleLength),
      description: paragraphs(
        'Describe the project',
        'a description of the project',
        'What it changes in the city, where it stands now and the candidate’s part in it.',
      ),
    },
  },
  motivation: {
    title: 'Motivation',
    field: paragraphs(
      'Why should the candidate join the learning circle?',
      "the candidate's motivation",
      'What they would bring to the group and hope to learn.',
    ),
  },
  themes: {
    title: 'Themes',
    field: {
      kind: 'checkboxes',
      label: 'Which themes interest the candidate most?',
      hint: 'Choose all that apply.',
      required: 'Choose at least one theme',
      options: (program) => slugs(program.themes),
      notListed: 'Choose themes from the list',
      repeated: 'Choose each theme once',
    } satisfies ChecklistField,
  },
  travel: {
    title: 'Travel to the conference',
    missing: 'Tell us about travel to the conference',
    fields: {
      libraryCoversTravel: yesNo(
        (program) => `Can your library cover travel and accommodation for ${theConference(program)}?`,
        'will the library cover travel and accommodation for the conference?',
      ),
      conditionalOnStipend: yesNo(
        'Does participation depend on a travel stipend?',
        'is participation conditional on a travel stipend?',
        (program) =>
          `The organizers seek ${program.travelStipends.min} to ${program.travelStipends.max} travel stipends for participants from the Global South.`,
      ),
    },
  },
  commitments: {
    title: 'Commitments',
    missing: 'The candidate must agree to the three commitments',
    fields: {
      workingHours: commitment(
        'The candidate can use working hours for the program.',
        'using working hours for the program',
      ),
      activeParticipation: commitment(
        'The candidate commits to active participation throughout the year.',
        'active participation throughout the year',
      ),
      englishProficiency: commitment(
        'The candidate can take part in professional exchange in English.',
        'professional exchange in English',
      ),
    },
  },
} satisfies Record<string, SectionSpec>;

export type NominationFields = typeof nominationFields;

type Section = keyof NominationFields;

/**
 * Where each section stands in the body: docs/api.md's order and events/samples/nomination.json's,
 * so also the order in which the schema names missing sections. Travel comes before themes there,
 * while the form asks about themes first. A record, so that no section is left without a place.
 */
const bodyPlace: Record<Section, number> = {
  library: 1,
  nominator: 2,
  candidate: 3,
  project: 4,
  motivation: 5,
  travel: 6,
  themes: 7,
  commitments: 8,
};

/** The sections' keys in the body's order. */
export const bodyOrder = () =>
  (Object.keys(nominationFields) as Section[]).sort((a, b) => bodyPlace[a] - bodyPlace[b]);
