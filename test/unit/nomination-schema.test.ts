import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { nominationInputSchema } from '../../shared/domain/nomination.ts';
import { issuesOf as issuesFor } from '../support/schema-issues.ts';

const schema = nominationInputSchema(metlib2024);
const issuesOf = (body: unknown) => issuesFor(schema, body);
const withChange = (change: (body: typeof sample & Record<string, unknown>) => void) => {
  const body = structuredClone(sample) as typeof sample & Record<string, unknown>;
  change(body);
  return body;
};

describe('the nomination schema', () => {
  it('accepts the sample nomination and trims texts', () => {
    const parsed = schema.parse(withChange((b) => (b.library.name = '  Biblioteques de Barcelona  ')));
    expect(parsed.library.name).toBe('Biblioteques de Barcelona');
  });

  it.each([
    [
      'a city of exactly 400,000',
      (b: typeof sample) => (b.library.cityPopulation = 400_000),
      'library.cityPopulation',
      /Not eligible/,
    ],
    [
      'a population given as a string',
      (b: typeof sample) => ((b.library as Record<string, unknown>).cityPopulation = '1000000'),
      'library.cityPopulation',
      /whole number/,
    ],
    [
      'a fractional population',
      (b: typeof sample) => (b.library.cityPopulation = 500_000.5),
      'library.cityPopulation',
      /whole number/,
    ],
    [
      'an unknown country',
      (b: typeof sample) => (b.library.country = 'XX'),
      'library.country',
      /from the list/,
    ],
    [
      'a lower-case country',
      (b: typeof sample) => (b.library.country = 'es'),
      'library.country',
      /from the list/,
    ],
    [
      'a line break in a name',
      (b: typeof sample) => (b.nominator.name = 'Ann\nBcc: x@y.z'),
      'nominator.name',
      /one line/,
    ],
    [
      'a NUL in a role',
      (b: typeof sample) => (b.candidate.role = 'Head\u0000'),
      'candidate.role',
      /control characters/,
    ],
    [
      'an invalid email',
      (b: typeof sample) => (b.candidate.email = 'not-an-email'),
      'candidate.email',
      /correct format/,
    ],
    [
      'an email with a line break',
      (b: typeof sample) => (b.candidate.email = 'a@b.org\r\nBcc: c@d.org'),
      'candidate.email',
      /correct format/,
    ],
    [
      'an unknown time zone',
      (b: typeof sample) => (b.candidate.timeZone = 'Mars/Olympus'),
      'candidate.timeZone',
      /time zone/,
    ],
    [
      'an unknown project type',
      (b: typeof sample) => (b.project.type = 'castle'),
      'project.type',
      /type of project/,
    ],
    [
      'a title over 200 characters',
      (b: typeof sample) => (b.project.title = 't'.repeat(201)),
      'project.title',
      /200 characters or fewer/,
    ],
    ['a short motivation', (b: typeof sample) => (b.motivation = 'Because.'), 'motivation', /at least 20/],
    ['no themes', (b: typeof sample) => (b.themes = []), 'themes', /at least one theme/],
    ['an unknown theme', (b: typeof sample) => (b.themes = ['gardening']), 'themes.0', /from the list/],
    [
      'a theme twice',
      (b: typeof sample) => (b.themes = ['public-safety', 'public-safety']),
      'themes',
      /once/,
    ],
    [
      'a commitment not given',
      (b: typeof sample) => ((b.commitments as Record<string, boolean>).workingHours = false),
      'commitments.workingHours',
      /working hours/,
    ],
    [
      'travel as a string',
      (b: typeof sample) => ((b.travel as Record<string, unknown>).libraryCoversTravel = 'yes'),
      'travel.libraryCoversTravel',
      /Answer/,
    ],
    [
      'an extra field',
      (b: typeof sample & Record<string, unknown>) => (b.admin = true),
      'admin',
      /Unknown field/,
    ],
  ])('rejects %s with an issue on its field', (_, change, path, message) => {
    const issues = issuesOf(withChange(change as (b: typeof sample & Record<string, unknown>) => void));
    expect(issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('accepts names in any script, right-to-left and emoji included', () => {
    const body = withChange((b) => {
      b.candidate.name = 'سارة المكتبة 📚';
      b.nominator.name = 'Zoë Ørsted-Łukasiewicz';
    });
    expect(issuesOf(body)).toEqual([]);
  });

  it('names every missing section of an empty object', () => {
    expect(issuesOf({}).map((i) => i.path)).toEqual([
      'library',
      'nominator',
      'candidate',
      'project',
      'motivation',
      'travel',
      'themes',
      'commitments',
    ]);
  });
});
