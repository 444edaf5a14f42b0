import { describe, expect, it } from 'vitest';
import { erasedMark, namesReplacedWith, replaceEverywhere } from '#shared/domain/erasure';
import { anonymousOutcome, undecidedExpiry } from '#shared/domain/retention';
import { epochSeconds } from '#shared/domain/time';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { sampleNomination } from '../support/fixtures.ts';

describe('erasing a former address where it is quoted', () => {
  it('replaces it in any case, inside strings, nested lists, maps and sets, and says whether it did', () => {
    const item = {
      to: ['Old@Example.org'],
      deliveryEvents: [
        { recipients: ['old@example.org'], diagnostic: 'smtp; 550 <OLD@example.org> unknown' },
      ],
      withheld: new Set(['old@example.org']),
      changes: { before: { 'candidate.email': 'old@example.org' } },
      attempts: 2,
    };
    const { value, changed } = replaceEverywhere(item, ['old@example.org'], erasedMark);
    expect(changed).toBe(true);
    expect(JSON.stringify(value, (_, v) => (v instanceof Set ? [...v] : v)).toLowerCase()).not.toContain(
      'old@example.org',
    );
    expect(value).toMatchObject({ attempts: 2, to: [erasedMark] });
    expect(replaceEverywhere(item, ['someone@else.org'], erasedMark).changed).toBe(false);
  });

  it('replaces it only whole: not inside a longer address or word, which may be someone else’s', () => {
    const item = {
      to: ['joann@lib.org', 'ann@lib.org.uk', 'x.ann@lib.org'],
      text: 'Dear Ann, we wrote to <ANN@lib.org>; Annabel and Mary-Ann read it too.',
    };
    const { value } = replaceEverywhere(item, ['ann@lib.org', 'Ann'], erasedMark);
    expect(value).toEqual({
      to: ['joann@lib.org', 'ann@lib.org.uk', 'x.ann@lib.org'],
      text: `Dear ${erasedMark}, we wrote to <${erasedMark}>; Annabel and Mary-Ann read it too.`,
    });
  });

  it('takes the name replaced in the same correction as the address, not a name kept', () => {
    const history = [
      // A staff correction: another person, name and address.
      {
        action: 'correct',
        changes: {
          before: { 'candidate.name': 'Ada Old', 'candidate.email': 'ADA@example.org' },
          after: { 'candidate.name': 'Bea New', 'candidate.email': 'bea@example.org' },
        },
      },
      // The nominator's own correction, by section: the same person at a new address.
      {
        action: 'correct',
        changes: {
          before: { nominator: { name: 'Cy Same', email: 'cy@example.org' } },
          after: { nominator: { name: 'Cy Same', email: 'cy@new.example.org' } },
        },
      },
    ];
    expect(namesReplacedWith(history, 'ada@example.org')).toEqual(['Ada Old']);
    expect(namesReplacedWith(history, 'cy@example.org')).toEqual([]);
  });
});

describe('a nomination never decided', () => {
  it('is kept the shorter period after the certificates run, and leaves an undecided outcome', () => {
    expect(undecidedExpiry(metlib2024, '2025-03-15T13:00:00Z')).toBe(epochSeconds('2025-09-15T13:00:00Z'));
    for (const status of ['submitted', 'reviewed', 'selected', 'reserve'] as const) {
      expect(anonymousOutcome({ ...sampleNomination(), status }).outcome).toBe('undecided');
    }
  });
});
