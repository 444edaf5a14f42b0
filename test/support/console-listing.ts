import { regionOf } from '#shared/domain/regions';
import type { Listed } from '../../console/src/view.ts';

export const countries = ['NO', 'ES', 'BR', 'KE', 'JP', 'DE', 'IN', 'MX'];
const statuses = ['submitted', 'reviewed', 'selected', 'not_selected', 'notified', 'withdrawn'] as const;
const types = ['new-major-branch', 'branch-development', 'strategic-development'];
export const themes = [
  'civic-engagement',
  'urban-planning-and-real-estate',
  'digital-inclusion',
  'green-libraries',
];

/** A listing as the API gives it, varied and the same at every run. */
export const listing = (count: number): Listed[] =>
  Array.from({ length: count }, (_, i) => {
    const status = statuses[i % statuses.length] ?? 'submitted';
    const reviews = i % 4;
    return {
      id: `n${String(i).padStart(5, '0')}`,
      status,
      ...(status === 'notified' ? { decision: i % 12 === 4 ? 'selected' : 'not_selected' } : {}),
      version: 1 + reviews,
      submittedAt: new Date(Date.UTC(2024, 0, 8) + i * 60_000).toISOString(),
      reviews: { count: reviews, scored: reviews, averageScore: reviews ? 1 + ((i * 7) % 40) / 10 : null },
      reviewedByMe: i % 3 === 0,
      library: {
        name: `Library ${i}`,
        city: `City ${i % 50}`,
        country: countries[i % countries.length] as string,
      },
      region: regionOf(countries[i % countries.length] as string),
      candidate: { name: `Candidate ${String.fromCharCode(65 + (i % 26))}${i}` },
      project: { type: types[i % types.length] as string },
      themes: [
        themes[i % themes.length] as string,
        ...(i % 5 === 0 ? [themes[(i + 1) % themes.length] as string] : []),
      ],
      travel: { conditionalOnStipend: i % 2 === 0 },
    };
  });
