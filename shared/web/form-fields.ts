import type { Program } from '../domain/program.ts';

/**
 * The nomination form's fields in the order a library director thinks: the library, you, the
 * candidate, the project, motivation, themes, travel, commitments. Names are the JSON body's
 * dotted paths, so a server-side issue at "library.cityPopulation" lands on its field.
 */
export type Field =
  | {
      kind: 'text' | 'email' | 'number';
      name: string;
      label: string;
      hint?: string;
      autocomplete?: string;
      maxLength: number;
      message: string;
    }
  | { kind: 'textarea'; name: string; label: string; hint?: string; maxLength: number; message: string }
  | { kind: 'country'; name: string; label: string; hint?: string; message: string }
  | { kind: 'timezone'; name: string; label: string; hint?: string; message: string }
  | {
      kind: 'radios';
      name: string;
      label: string;
      hint?: string;
      options: { value: string; label: string }[];
      message: string;
    }
  | {
      kind: 'checkboxes';
      name: string;
      label: string;
      hint?: string;
      options: { value: string; label: string }[];
      message: string;
    }
  | { kind: 'commitment'; name: string; label: string; message: string };

export interface Section {
  title: string;
  fields: Field[];
}

const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

export const formSections = (program: Program): Section[] => {
  const threshold = program.eligibility.minCityPopulationExclusive.toLocaleString('en');
  return [
    {
      title: 'The nominating library',
      fields: [
        {
          kind: 'text',
          name: 'library.name',
          label: 'Name of the library',
          autocomplete: 'organization',
          maxLength: 200,
          message: "Enter the library's name",
        },
        {
          kind: 'text',
          name: 'library.city',
          label: 'City',
          autocomplete: 'address-level2',
          maxLength: 120,
          message: 'Enter the city',
        },
        { kind: 'country', name: 'library.country', label: 'Country', message: 'Choose the country' },
        {
          kind: 'number',
          name: 'library.cityPopulation',
          label: 'Population of the city',
          hint: `The program is for libraries serving cities of more than ${threshold} people. For example 1250000.`,
          maxLength: 12,
          message: "Enter the city's population as a whole number",
        },
      ],
    },
    {
      title: 'You, the nominator',
      fields: [
        {
          kind: 'text',
          name: 'nominator.name',
          label: 'Your full name',
          autocomplete: 'name',
          maxLength: 120,
          message: 'Enter your name',
        },
        {
          kind: 'text',
          name: 'nominator.role',
          label: 'Your role',
          hint: 'For example, Library Director',
          autocomplete: 'organization-title',
          maxLength: 120,
          message: 'Enter your role',
        },
        {
          kind: 'email',
          name: 'nominator.email',
          label: 'Your email address',
          hint: 'We send a copy of the acknowledgement and the decision here.',
          autocomplete: 'email',
          maxLength: 254,
          message: 'Enter your email address',
        },
      ],
    },
    {
      title: 'The candidate',
      fields: [
        {
          kind: 'text',
          name: 'candidate.name',
          label: "Candidate's full name",
          hint: 'As it should appear on the participation certificate.',
          maxLength: 120,
          message: "Enter the candidate's name",
        },
        {
          kind: 'text',
          name: 'candidate.role',
          label: "Candidate's role or title",
          hint: 'For example, Head of Branch Development',
          maxLength: 120,
          message: "Enter the candidate's role or title",
        },
        {
          kind: 'email',
          name: 'candidate.email',
          label: "Candidate's email address",
          maxLength: 254,
          message: "Enter the candidate's email address",
        },
        {
          kind: 'timezone',
          name: 'candidate.timeZone',
          label: "Candidate's time zone",
          hint: 'Where the candidate works, for example Europe/Madrid or Asia/Kolkata. Meeting times are shown to them in this zone.',
          message: "Enter the candidate's time zone",
        },
      ],
    },
    {
      title: 'The urban transformation project',
      fields: [
        {
          kind: 'radios',
          name: 'project.type',
          label: 'What kind of project does the candidate lead?',
          options: program.projectTypes.map((t) => ({ value: t.slug, label: t.label })),
          message: 'Choose the type of project',
        },
        {
          kind: 'text',
          name: 'project.title',
          label: 'Project title',
          maxLength: 200,
          message: "Enter the project's title",
        },
        {
          kind: 'textarea',
          name: 'project.description',
          label: 'Describe the project',
          hint: 'What it changes in the city, where it stands now and the candidate’s part in it. At least 20 characters.',
          maxLength: 5000,
          message: 'Enter a description of the project',
        },
      ],
    },
    {
      title: 'Motivation',
      fields: [
        {
          kind: 'textarea',
          name: 'motivation',
          label: 'Why should the candidate join the learning circle?',
          hint: 'What they would bring to the group and hope to learn. At least 20 characters.',
          maxLength: 5000,
          message: "Enter the candidate's motivation",
        },
      ],
    },
    {
      title: 'Themes',
      fields: [
        {
          kind: 'checkboxes',
          name: 'themes',
          label: 'Which themes interest the candidate most?',
          hint: 'Choose all that apply.',
          options: program.themes.map((t) => ({ value: t.slug, label: t.label })),
          message: 'Choose at least one theme',
        },
      ],
    },
    {
      title: 'Travel to the conference',
      fields: [
        {
          kind: 'radios',
          name: 'travel.libraryCoversTravel',
          label: 'Can your library cover travel and accommodation for the conference in Barcelona?',
          options: yesNo,
          message: 'Answer: will the library cover travel and accommodation for the conference?',
        },
        {
          kind: 'radios',
          name: 'travel.conditionalOnStipend',
          label: 'Does participation depend on a travel stipend?',
          hint: `The organizers seek ${program.travelStipends.min} to ${program.travelStipends.max} travel stipends for participants from the Global South.`,
          options: yesNo,
          message: 'Answer: is participation conditional on a travel stipend?',
        },
      ],
    },
    {
      title: 'Commitments',
      fields: [
        {
          kind: 'commitment',
          name: 'commitments.workingHours',
          label: 'The candidate can use working hours for the program.',
          message: 'The candidate must commit to using working hours for the program',
        },
        {
          kind: 'commitment',
          name: 'commitments.activeParticipation',
          label: 'The candidate commits to active participation throughout the year.',
          message: 'The candidate must commit to active participation throughout the year',
        },
        {
          kind: 'commitment',
          name: 'commitments.englishProficiency',
          label: 'The candidate can take part in professional exchange in English.',
          message: 'The candidate must commit to professional exchange in English',
        },
      ],
    },
  ];
};

export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** The form field an API issue path points at ("themes.2" is the themes group). */
export const fieldForIssue = (sections: Section[], path: string): Field | undefined => {
  const fields = sections.flatMap((s) => s.fields);
  return fields.find((f) => f.name === path) ?? fields.find((f) => path.startsWith(`${f.name}.`));
};

const integer = (raw: string) => {
  const digits = raw.replace(/[\s,._'’]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : raw;
};

const answer = (raw: string | null) => (raw === 'yes' ? true : raw === 'no' ? false : undefined);

/**
 * A urlencoded form post as the JSON body. Text stays text, so the one schema judges both; only
 * what a form cannot express (numbers, yes/no, ticked boxes) is converted.
 */
export const formToBody = (fields: URLSearchParams): unknown => {
  const get = (name: string) => fields.get(name) ?? undefined;
  return {
    library: {
      name: get('library.name'),
      city: get('library.city'),
      country: get('library.country'),
      cityPopulation: integer(fields.get('library.cityPopulation') ?? ''),
    },
    nominator: { name: get('nominator.name'), role: get('nominator.role'), email: get('nominator.email') },
    candidate: {
      name: get('candidate.name'),
      role: get('candidate.role'),
      email: get('candidate.email'),
      timeZone: get('candidate.timeZone'),
    },
    project: {
      type: get('project.type'),
      title: get('project.title'),
      description: get('project.description'),
    },
    motivation: get('motivation'),
    travel: {
      libraryCoversTravel: answer(fields.get('travel.libraryCoversTravel')),
      conditionalOnStipend: answer(fields.get('travel.conditionalOnStipend')),
    },
    themes: fields.getAll('themes'),
    commitments: {
      workingHours: fields.get('commitments.workingHours') === 'true' || undefined,
      activeParticipation: fields.get('commitments.activeParticipation') === 'true' || undefined,
      englishProficiency: fields.get('commitments.englishProficiency') === 'true' || undefined,
    },
  };
};
