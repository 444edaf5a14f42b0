import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { composeCohort, globalSouthFor, previewCohort, regionFor } from '../../shared/domain/cohort.ts';
import { nominationAt as at } from '../support/fixtures.ts';

describe('the cohort’s composition', () => {
  const barcelona = at('selected', {});
  const barcelonaAgain = at('notified', { name: ' biblioteques DE barcelona ' });
  const nairobi = at('selected', { name: 'Nairobi City Library', city: 'Nairobi', country: 'KE' });
  const lima = at('reviewed', { name: 'Biblioteca de Lima', city: 'Lima', country: 'PE' });
  const tokyo = at('withdrawn', { name: 'Tokyo Library', city: 'Tokyo', country: 'JP' });
  const all = [barcelona, barcelonaAgain, nairobi, lima, tokyo];

  it('counts participants (selected, told or not) by region, country, city, project type and theme', () => {
    const c = composeCohort(metlib2024, all);
    expect(c.places).toEqual({ taken: 3, min: 15, max: 20 });
    expect(c.byRegion).toEqual([
      {
        key: '150',
        label: 'Europe',
        count: 2,
        subRegions: [{ key: '039', label: 'Southern Europe', count: 2 }],
      },
      {
        key: '002',
        label: 'Africa',
        count: 1,
        subRegions: [{ key: '202', label: 'Sub-Saharan Africa', count: 1 }],
      },
    ]);
    expect(c.byCity.map((t) => [t.label, t.count])).toEqual([
      ['Barcelona, Spain', 2],
      ['Nairobi, Kenya', 1],
    ]);
    expect(c.byProjectType).toEqual([{ key: 'new-major-branch', label: 'New major branch', count: 3 }]);
    expect(c.undecided).toBe(1);
  });

  it('warns of what a selection committee would want to know', () => {
    const c = composeCohort(metlib2024, all);
    expect(c.warnings.map((w) => w.code)).toEqual([
      'below-minimum',
      'same-city',
      'same-library',
      'region-without-participant',
    ]);
    expect(c.warnings[0]?.message).toBe('3 of at least 15 places are taken');
    expect(c.warnings[2]?.nominationIds.sort()).toEqual([barcelona.id, barcelonaAgain.id].sort());
    // Lima is in the running; Tokyo withdrew, so Asia is not a region waiting for a participant.
    expect(c.warnings[3]).toMatchObject({
      message: 'Americas has 1 nomination in the running and no participant',
      nominationIds: [lima.id],
    });
  });

  it('warns when a project type with nominations in the running has no participant', () => {
    const partnership = at('reviewed', { city: 'Lima', country: 'PE' });
    partnership.project = { ...partnership.project, type: 'partnerships' };
    const c = composeCohort(metlib2024, [barcelona, partnership]);
    expect(c.warnings.find((w) => w.code === 'project-type-without-participant')?.message).toBe(
      'No participant has a project of the type “Partnerships” (1 in the running)',
    );
  });

  it('counts stipends and warns of eligible participants who depend on one and have no decision', () => {
    const needs = at('selected', { city: 'Nairobi', country: 'KE' });
    needs.travel = { libraryCoversTravel: false, conditionalOnStipend: true };
    const awarded = at(
      'notified',
      { city: 'Lagos', country: 'NG' },
      {
        stipend: { award: 'awarded', at: '2024-02-10T00:00:00Z', by: 'organizer@example.org' },
      },
    );
    awarded.travel = { libraryCoversTravel: false, conditionalOnStipend: true };
    const c = composeCohort(metlib2024, [barcelona, needs, awarded]);
    expect(c.stipends).toEqual({
      min: 1,
      max: 3,
      requested: 2,
      eligible: 2,
      awarded: 1,
      declined: 0,
      notAwarded: 0,
    });
    expect(c.warnings.map((w) => w.code)).toContain('stipend-undecided');
    expect(c.warnings.map((w) => w.code)).not.toContain('stipends-below-minimum');
  });

  it('follows the organizers’ corrections of region and Global South', () => {
    const corrected = { ...barcelona, classification: { subRegion: '145', globalSouth: true } };
    expect(regionFor(corrected)).toMatchObject({ name: 'Asia', subRegion: { name: 'Western Asia' } });
    expect(globalSouthFor(barcelona)).toBe(false);
    expect(globalSouthFor(corrected)).toBe(true);
    expect(globalSouthFor({ ...nairobi, classification: { globalSouth: false } })).toBe(false);
  });

  it('previews decisions without making them, naming those that cannot be made', () => {
    const { composition, problems } = previewCohort(metlib2024, all, [
      { id: lima.id, action: 'select' },
      { id: tokyo.id, action: 'select' },
      { id: 'no-such-id', action: 'reject' },
    ]);
    expect(composition.places.taken).toBe(4);
    expect(composition.warnings.map((w) => w.code)).not.toContain('region-without-participant');
    expect(problems).toEqual([
      { id: tokyo.id, problem: 'Cannot select a nomination that is withdrawn; allowed: none' },
      { id: 'no-such-id', problem: 'There is no nomination "no-such-id" in this program' },
    ]);
    expect(composeCohort(metlib2024, all).places.taken).toBe(3);
  });
});

describe('the cohort’s tallies', () => {
  const kenya = at('selected', { city: 'Nairobi', country: 'KE' });
  const chile = at('selected', { city: ' Santiago ', country: 'CL' });
  const brazil = at('selected', { city: 'São Paulo', country: 'BR' });
  const kenyaAgain = at('notified', { city: 'Mombasa', country: 'KE' });
  const peru = at('selected', { city: 'Lima', country: 'PE' });
  peru.project = { ...peru.project, type: 'mobile-library' };
  const participants = [kenya, chile, brazil, kenyaAgain, peru];

  it('come most first, then by name, whatever order the nominations are read in', () => {
    const c = composeCohort(metlib2024, participants);
    expect(c.byRegion.map((r) => [r.label, r.count])).toEqual([
      ['Americas', 3],
      ['Africa', 2],
    ]);
    expect(c.byCountry).toEqual([
      { key: 'KE', label: 'Kenya', count: 2 },
      { key: 'BR', label: 'Brazil', count: 1 },
      { key: 'CL', label: 'Chile', count: 1 },
      { key: 'PE', label: 'Peru', count: 1 },
    ]);
    expect(c.byCity.find((t) => t.key.startsWith('CL'))?.label).toBe('Santiago, Chile');
    expect(c.byTheme).toEqual([
      { key: 'civic-engagement', label: 'Civic Engagement', count: 5 },
      {
        key: 'urban-planning-and-real-estate',
        label: 'Urban Planning and Real Estate Development',
        count: 5,
      },
    ]);
    // A type the program no longer lists is still counted, under its own name.
    expect(c.byProjectType).toEqual([
      { key: 'new-major-branch', label: 'New major branch', count: 4 },
      { key: 'mobile-library', label: 'mobile-library', count: 1 },
    ]);
  });

  it('count a participant from a country in no region apart', () => {
    const c = composeCohort(metlib2024, [at('selected', { city: 'McMurdo', country: 'AQ' })]);
    expect(c.byRegion).toEqual([
      {
        key: 'none',
        label: 'No region',
        count: 1,
        subRegions: [{ key: 'none', label: 'No sub-region', count: 1 }],
      },
    ]);
    expect(c.participants[0]?.region).toBeNull();
  });

  it('describe each participant: who, from where, their project, themes and stipend', () => {
    const declined = { award: 'declined', at: '2024-02-10T00:00:00Z', by: 'organizer@example.org' } as const;
    const told = at('notified', {}, { stipend: declined });
    const c = composeCohort(metlib2024, [told, at('reviewed', { city: 'Lima', country: 'PE' })]);
    expect(c.participants).toEqual([
      {
        id: told.id,
        status: 'notified',
        name: 'Jordi Serra',
        library: 'Biblioteques de Barcelona',
        city: 'Barcelona',
        country: 'ES',
        region: { code: '150', name: 'Europe', subRegion: { code: '039', name: 'Southern Europe' } },
        projectType: 'new-major-branch',
        themes: ['civic-engagement', 'urban-planning-and-real-estate'],
        stipend: { requested: false, eligible: false, award: declined },
      },
    ]);
    expect(composeCohort(metlib2024, [kenya]).participants[0]?.stipend).toEqual({
      requested: false,
      eligible: true,
      award: null,
    });
  });

  it('count the stipends decided each way', () => {
    const decided = (award: 'awarded' | 'declined' | 'not-awarded') =>
      at(
        'selected',
        { city: 'Nairobi', country: 'KE' },
        { stipend: { award, at: kenya.submittedAt, by: 'o' } },
      );
    const c = composeCohort(metlib2024, [
      decided('awarded'),
      decided('declined'),
      decided('declined'),
      kenya,
    ]);
    expect(c.stipends).toMatchObject({ awarded: 1, declined: 2, notAwarded: 0 });
    expect(composeCohort(metlib2024, [decided('not-awarded')]).stipends).toMatchObject({
      awarded: 0,
      declined: 0,
      notAwarded: 1,
    });
  });

  it('list the reserve by rank, unranked last, and say who was told', () => {
    const second = at('reserve', { city: 'Lima', country: 'PE' }, { reserveRank: 2 });
    const first = at('notified', { city: 'Nairobi', country: 'KE' }, { decision: 'reserve', reserveRank: 1 });
    const unranked = at('reserve', {});
    const c = composeCohort(metlib2024, [unranked, second, kenya, first, at('reviewed', {})]);
    expect(c.reserve).toEqual([
      { id: first.id, rank: 1, name: 'Jordi Serra', country: 'KE', told: true },
      { id: second.id, rank: 2, name: 'Jordi Serra', country: 'PE', told: false },
      { id: unranked.id, rank: null, name: 'Jordi Serra', country: 'ES', told: false },
    ]);
  });

  it('count as undecided what is submitted or reviewed, nothing unconfirmed or decided', () => {
    const all = ['unconfirmed', 'submitted', 'reviewed', 'selected', 'not_selected', 'reserve'] as const;
    expect(
      composeCohort(
        metlib2024,
        all.map((status) => at(status, {})),
      ).undecided,
    ).toBe(2);
  });
});
