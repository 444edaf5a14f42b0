import { type ConsoleFixture, consoleFixture } from '../console-session.ts';
import { nominationBody, type Step } from '../test-stack.ts';

export type Seed = {
  candidate: string;
  library: string;
  city: string;
  country: string;
  type: string;
  stipend: boolean;
};

/** Two from Oslo (a warning once both are in), some from the Global South asking for a stipend. */
export const seeds: Seed[] = [
  {
    candidate: 'Ola Nordmann',
    library: 'Deichman Bjørvika',
    city: 'Oslo',
    country: 'NO',
    type: 'new-major-branch',
    stipend: false,
  },
  {
    candidate: 'Kari Hansen',
    library: 'Deichman Grünerløkka',
    city: 'Oslo',
    country: 'NO',
    type: 'partnerships',
    stipend: false,
  },
  {
    candidate: 'Camila Rojas',
    library: 'BibloRed',
    city: 'Bogotá',
    country: 'CO',
    type: 'branch-development',
    stipend: true,
  },
  {
    candidate: 'Wanjiru Kamau',
    library: 'Nairobi City Libraries',
    city: 'Nairobi',
    country: 'KE',
    type: 'strategic-development',
    stipend: true,
  },
  {
    candidate: 'Aino Virtanen',
    library: 'Helsinki City Library',
    city: 'Helsinki',
    country: 'FI',
    type: 'new-main-library',
    stipend: false,
  },
  {
    candidate: 'Thandiwe Dlamini',
    library: 'Johannesburg City Library',
    city: 'Johannesburg',
    country: 'ZA',
    type: 'partnerships',
    stipend: true,
  },
  {
    candidate: 'Priya Raman',
    library: 'Connemara Public Library',
    city: 'Chennai',
    country: 'IN',
    type: 'branch-development',
    stipend: true,
  },
  {
    candidate: 'Lucía Fernández',
    library: 'Biblioteca Nacional',
    city: 'Buenos Aires',
    country: 'AR',
    type: 'other',
    stipend: false,
  },
  {
    candidate: 'Kenji Sato',
    library: 'Osaka Municipal Library',
    city: 'Osaka',
    country: 'JP',
    type: 'strategic-development',
    stipend: false,
  },
  {
    candidate: 'Marie Dubois',
    library: 'Bibliothèque municipale de Lyon',
    city: 'Lyon',
    country: 'FR',
    type: 'new-major-branch',
    stipend: false,
  },
  {
    candidate: 'Nguyen Thi Lan',
    library: 'Hanoi Library',
    city: 'Hanoi',
    country: 'VN',
    type: 'partnerships',
    stipend: true,
  },
  {
    candidate: 'Jan Novák',
    library: 'Municipal Library of Prague',
    city: 'Prague',
    country: 'CZ',
    type: 'branch-development',
    stipend: false,
  },
];

export interface CohortFixture extends ConsoleFixture {
  /** The nominations' ids, by candidate. */
  id: Record<string, string>;
}

/**
 * For a file's `beforeAll`: the console's fixture and the twelve nominations, each reviewed; Ola,
 * Kari and Camila selected, Jan withdrawn.
 */
export const setUpCohort = async (): Promise<CohortFixture> => {
  const fixture: CohortFixture = { ...(await consoleFixture()), id: {} };
  const { stack, organizer, id } = fixture;
  const transition = (nomination: string, step: Step) => stack.takeThrough(nomination, [step], organizer);
  for (const s of seeds) {
    const body = nominationBody();
    body.library = { ...body.library, name: s.library, city: s.city, country: s.country };
    body.candidate = { ...body.candidate, name: s.candidate };
    body.project = { ...body.project, type: s.type };
    body.travel = { ...body.travel, libraryCoversTravel: !s.stipend, conditionalOnStipend: s.stipend };
    id[s.candidate] = (await stack.nominate(body)).id;
  }
  for (const [i, s] of seeds.entries()) {
    await transition(id[s.candidate] as string, { action: 'review', score: 1 + (i % 5) });
  }
  for (const name of ['Ola Nordmann', 'Kari Hansen', 'Camila Rojas']) {
    await transition(id[name] as string, { action: 'select' });
  }
  await transition(id['Jan Novák'] as string, { action: 'withdraw', note: 'Took another post' });
  return fixture;
};

/** The cohort as the API computes it. */
export const cohortNow = async ({ stack, organizer }: ConsoleFixture) =>
  (await stack.api('GET', '/programs/metlib-2024/cohort', { token: organizer })).json as {
    places: { taken: number; min: number; max: number };
    stipends: { awarded: number; max: number; requested: number; eligible: number };
    byCountry: { label: string; count: number }[];
    byCity: { label: string; count: number }[];
    byProjectType: { label: string; count: number }[];
    reserve: { name: string; rank: number; told: boolean }[];
    undecided: number;
    warnings: { code: string; message: string }[];
  };
