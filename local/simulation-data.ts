import { metlib2024 } from '#events/programs/metlib-2024';

/** Deterministic synthetic nominations for the simulated program year. */

/** mulberry32: a small seeded generator, so a seed always gives the same cohort. */
export const seeded = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const cities: [city: string, country: string, population: number, zone: string][] = [
  ['Helsinki', 'FI', 674_500, 'Europe/Helsinki'],
  ['Aarhus', 'DK', 410_000, 'Europe/Copenhagen'],
  ['Barcelona', 'ES', 1_660_000, 'Europe/Madrid'],
  ['Paris', 'FR', 2_100_000, 'Europe/Paris'],
  ['Buenos Aires', 'AR', 3_100_000, 'America/Argentina/Buenos_Aires'],
  ['New York', 'US', 8_300_000, 'America/New_York'],
  ['Chandigarh', 'IN', 1_150_000, 'Asia/Kolkata'],
  ['Nairobi', 'KE', 4_400_000, 'Africa/Nairobi'],
  ['Lagos', 'NG', 15_300_000, 'Africa/Lagos'],
  ['São Paulo', 'BR', 11_450_000, 'America/Sao_Paulo'],
  ['Mexico City', 'MX', 9_200_000, 'America/Mexico_City'],
  ['Toronto', 'CA', 2_800_000, 'America/Toronto'],
  ['Singapore', 'SG', 5_900_000, 'Asia/Singapore'],
  ['Seoul', 'KR', 9_400_000, 'Asia/Seoul'],
  ['Tokyo', 'JP', 14_000_000, 'Asia/Tokyo'],
  ['Melbourne', 'AU', 5_000_000, 'Australia/Melbourne'],
  ['Auckland', 'NZ', 1_700_000, 'Pacific/Auckland'],
  ['Cape Town', 'ZA', 4_700_000, 'Africa/Johannesburg'],
  ['Cairo', 'EG', 10_000_000, 'Africa/Cairo'],
  ['Istanbul', 'TR', 15_600_000, 'Europe/Istanbul'],
  ['Warsaw', 'PL', 1_860_000, 'Europe/Warsaw'],
  ['Tallinn', 'EE', 450_000, 'Europe/Tallinn'],
  ['Oslo', 'NO', 710_000, 'Europe/Oslo'],
  ['Rotterdam', 'NL', 660_000, 'Europe/Amsterdam'],
  ['Medellín', 'CO', 2_600_000, 'America/Bogota'],
  ['Lima', 'PE', 10_000_000, 'America/Lima'],
  ['Manila', 'PH', 1_850_000, 'Asia/Manila'],
  ['Jakarta', 'ID', 10_600_000, 'Asia/Jakarta'],
  ['Dhaka', 'BD', 10_300_000, 'Asia/Dhaka'],
  ['Shenzhen', 'CN', 17_500_000, 'Asia/Shanghai'],
];

const given = [
  'Ana',
  'Jordi',
  'Mika',
  'Priya',
  'Kwame',
  'Sofía',
  'Lena',
  'Hiroshi',
  'Amara',
  'Tomás',
  'Ingrid',
  'Farah',
  'Chen',
  'Olu',
  'Marta',
];
const family = [
  'Serra',
  'Virtanen',
  'Singh',
  'Mensah',
  'García',
  'Nowak',
  'Tanaka',
  'Okafor',
  'Silva',
  'Haddad',
  'Kim',
  'Jensen',
  'Moreau',
  'Lopez',
];
const projectTypes = metlib2024.projectTypes.map((t) => t.slug);
const themes = metlib2024.themes.map((t) => t.slug);

export const syntheticNominations = (count: number, seed: number, domain: string) => {
  const random = seeded(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const [city, country, cityPopulation, timeZone] = pick(cities);
    const candidate = `${pick(given)} ${pick(family)}`;
    const chosen = themes.filter(() => random() < 0.3);
    return {
      library: { name: `${city} Public Library`, city, country, cityPopulation },
      nominator: {
        name: `${pick(given)} ${pick(family)}`,
        role: 'Library Director',
        email: `director-${i}@${domain}`,
      },
      candidate: {
        name: candidate,
        role: 'Head of Development',
        email: `candidate-${i}@${domain}`,
        timeZone,
      },
      project: {
        type: pick(projectTypes),
        title: `${city}: the library as a civic anchor (${i})`,
        description: `A project in ${city} that makes the library a meeting place for the whole neighbourhood.`,
      },
      motivation: `${candidate} wants to learn from peers how libraries change cities like ${city}.`,
      travel: { libraryCoversTravel: random() < 0.7, conditionalOnStipend: random() < 0.15 },
      themes: chosen.length ? chosen : [pick(themes)],
      commitments: { workingHours: true, activeParticipation: true, englishProficiency: true },
    };
  });
};
