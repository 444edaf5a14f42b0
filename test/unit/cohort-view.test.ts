// The cohort's view: how a preview of decisions on several nominations differs from the cohort.
import { describe, expect, it } from 'vitest';
import {
  type CohortWarning,
  type Composition,
  changedFigures,
  compareWarnings,
  decisionsBody,
  pickAll,
  placesText,
  previewPath,
} from '../../console/src/cohort-view.ts';

const warning = (
  code: CohortWarning['code'],
  message: string,
  nominationIds: string[] = [],
): CohortWarning => ({
  code,
  message,
  nominationIds,
});

const composition = (change: Partial<Composition> = {}): Composition => ({
  programId: 'metlib-2024',
  places: { taken: 3, min: 15, max: 20 },
  participants: [],
  byRegion: [],
  byCountry: [],
  byCity: [],
  byProjectType: [],
  byTheme: [],
  stipends: { min: 1, max: 3, requested: 1, eligible: 1, awarded: 0, declined: 0, notAwarded: 0 },
  reserve: [],
  undecided: 8,
  warnings: [],
  ...change,
});

describe('the preview of decisions on several nominations', () => {
  it('tells the warnings a preview adds and resolves from those that only changed', () => {
    const before = [
      warning('below-minimum', '3 of at least 15 places are taken'),
      warning('same-city', '2 participants come from Oslo, Norway', ['ola', 'kari']),
      warning('region-without-participant', 'Africa has 2 nominations in the running', [
        'wanjiru',
        'thandiwe',
      ]),
      warning('region-without-participant', 'Asia has 1 nomination in the running', ['priya']),
      warning('stipends-below-minimum', '0 travel stipends awarded', ['camila']),
    ];
    const after = [
      warning('below-minimum', '5 of at least 15 places are taken'),
      warning('same-city', '3 participants come from Oslo, Norway', ['ola', 'kari', 'lars']),
      warning('same-city', '2 participants come from Nairobi, Kenya', ['wanjiru', 'amani']),
      warning('region-without-participant', 'Asia has 1 nomination in the running', ['priya']),
      // The same warning about other people: a code the cohort has once is the one warning.
      warning('stipends-below-minimum', '0 travel stipends awarded', ['camila', 'wanjiru']),
    ];
    const { added, resolved, remaining } = compareWarnings(before, after);
    expect(added.map((w) => w.message)).toEqual(['2 participants come from Nairobi, Kenya']);
    expect(resolved.map((w) => w.message)).toEqual(['Africa has 2 nominations in the running']);
    expect(remaining.map((w) => w.message)).toEqual([
      '5 of at least 15 places are taken',
      '3 participants come from Oslo, Norway',
      'Asia has 1 nomination in the running',
      '0 travel stipends awarded',
    ]);
    expect(compareWarnings(before, before)).toEqual({ added: [], resolved: [], remaining: before });
  });

  it('shows places taken always, and the other figures only when they change', () => {
    const now = composition();
    const then = composition({
      places: { taken: 6, min: 15, max: 20 },
      stipends: { ...now.stipends, requested: 4, eligible: 4 },
      undecided: 5,
    });
    expect(placesText(now.places)).toBe('3 of 15–20');
    expect(changedFigures(now, then)).toEqual([
      ['Places taken (of 15–20)', '3', '6'],
      ['Participants whose place depends on a stipend', '1', '4'],
      ['Participants eligible for a stipend', '1', '4'],
      ['Not yet decided', '8', '5'],
    ]);
    expect(changedFigures(now, now)).toEqual([['Places taken (of 15–20)', '3', '3']]);
  });

  it('asks the API for the preview, and sends each decision at the version the table showed', () => {
    expect(previewPath('metlib-2024', 'reserve', ['a-1', 'b-2'])).toBe(
      '/programs/metlib-2024/cohort?reserve=a-1%2Cb-2',
    );
    expect(
      decisionsBody(
        'select',
        [
          { id: 'a', version: 3 },
          { id: 'b', version: 1 },
        ],
        '  Balance ',
      ),
    ).toEqual({
      decisions: [
        { id: 'a', action: 'select', expectedVersion: 3 },
        { id: 'b', action: 'select', expectedVersion: 1 },
      ],
      note: 'Balance',
    });
    expect(decisionsBody('reject', [{ id: 'a', version: 2 }], ' ')).not.toHaveProperty('note');
  });

  it('ticks and unticks a whole page, keeping what was ticked on others', () => {
    const ticked = pickAll(new Set(['x']), ['a', 'b'], true);
    expect([...ticked].sort()).toEqual(['a', 'b', 'x']);
    expect([...pickAll(ticked, ['a', 'b'], false)]).toEqual(['x']);
  });
});
