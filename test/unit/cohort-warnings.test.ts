import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { type CohortWarning, composeCohort } from '../../shared/domain/cohort.ts';
import type { Nomination } from '../../shared/domain/nomination.ts';
import { nominationAt as at } from '../support/fixtures.ts';

const warningsOf = (all: Nomination[], program = metlib2024) => composeCohort(program, all).warnings;
const codes = (warnings: CohortWarning[]) => warnings.map((w) => w.code);
const idsOf = (warnings: CohortWarning[], code: CohortWarning['code']) =>
  warnings.filter((w) => w.code === code).map((w) => w.nominationIds);

const barcelona = at('selected', {});
const lima = { name: 'Biblioteca de Lima', city: 'Lima', country: 'PE' };
const nairobi = { name: 'Nairobi City Library', city: 'Nairobi', country: 'KE' };
/** Antarctica: a country in no UN M49 region. */
const mcMurdo = { name: 'McMurdo Station Library', city: 'McMurdo', country: 'AQ' };

describe('the regions still waiting for a participant', () => {
  it('count only nominations still in the running', () => {
    const out = [
      at('unconfirmed', lima),
      at('withdrawn', lima),
      at('notified', lima, { decision: 'not_selected' }),
      at('reviewed', lima, { duplicateOf: 'an-earlier-nomination' }),
    ];
    expect(codes(warningsOf([barcelona, ...out]))).not.toContain('region-without-participant');

    const running = [
      at('submitted', lima),
      at('reviewed', lima),
      at('not_selected', lima),
      at('reserve', lima),
      at('notified', lima, { decision: 'reserve' }),
    ];
    expect(idsOf(warningsOf([barcelona, ...out, ...running]), 'region-without-participant')).toEqual([
      running.map((n) => n.id),
    ]);
  });

  it('leave out a region that has a participant, and come in the order of the regions’ names', () => {
    const madrid = at('reviewed', { city: 'Madrid' });
    const peru = at('reviewed', lima);
    const kenya = at('reviewed', nairobi);
    expect(idsOf(warningsOf([barcelona, madrid, peru, kenya]), 'region-without-participant')).toEqual([
      [kenya.id],
      [peru.id],
    ]);
  });

  it('leave out a country in no region, whether it has a participant or not', () => {
    const warnings = warningsOf([at('selected', mcMurdo), at('reviewed', mcMurdo), barcelona]);
    expect(codes(warnings)).not.toContain('region-without-participant');
  });
});

describe('the places of the cohort', () => {
  const small = { ...metlib2024, capacity: { min: 2, max: 3 } };

  it('are said to be too few until the program’s minimum is reached', () => {
    expect(warningsOf([barcelona], small).filter((w) => w.code === 'below-minimum')).toEqual([
      expect.objectContaining({ nominationIds: [] }),
    ]);
    expect(codes(warningsOf([barcelona, at('selected', nairobi)], small))).not.toContain('below-minimum');
  });
});

describe('participants from the same city', () => {
  it('are those whose city differs only in case and spacing', () => {
    const newYork = at('selected', { name: 'New York Public Library', city: 'New York', country: 'US' });
    const again = at('selected', { name: 'Queens Public Library', city: ' new  YORK ', country: 'US' });
    expect(idsOf(warningsOf([newYork, again]), 'same-city')).toEqual([[newYork.id, again.id]]);
  });

  it('are not those of two cities of one country', () => {
    const madrid = at('selected', { name: 'Bibliotecas de Madrid', city: 'Madrid' });
    expect(codes(warningsOf([barcelona, madrid]))).not.toContain('same-city');
  });
});

describe('the travel stipends', () => {
  const dependsOnStipend = (
    more: Partial<Nomination> = {},
    library: Partial<Nomination['library']> = nairobi,
  ) => {
    const n = at('selected', library, more);
    n.travel = { libraryCoversTravel: false, conditionalOnStipend: true };
    return n;
  };

  it('are said to be too few while a participant who depends on one is eligible and none is awarded', () => {
    const waiting = dependsOnStipend();
    const warnings = warningsOf([barcelona, waiting]);
    expect(idsOf(warnings, 'stipends-below-minimum')).toEqual([[waiting.id]]);
    expect(idsOf(warnings, 'stipend-undecided')).toEqual([[waiting.id]]);
  });

  it('are undecided no more once declined, though still too few', () => {
    const declined = dependsOnStipend({
      stipend: { award: 'declined', at: '2024-02-10T00:00:00Z', by: 'organizer@example.org' },
    });
    const warnings = warningsOf([barcelona, declined]);
    expect(idsOf(warnings, 'stipends-below-minimum')).toEqual([[declined.id]]);
    expect(codes(warnings)).not.toContain('stipend-undecided');
  });

  it('raise no warning for a participant who is not eligible or does not depend on one', () => {
    const notEligible = dependsOnStipend({}, { city: 'Madrid' });
    const covered = at('selected', nairobi);
    const warnings = codes(warningsOf([barcelona, notEligible, covered]));
    expect(warnings).not.toContain('stipends-below-minimum');
    expect(warnings).not.toContain('stipend-undecided');
  });
});
