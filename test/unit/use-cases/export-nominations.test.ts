import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nominationsCsv } from '#shared/documents/nominations-csv';
import { ForbiddenError } from '#shared/domain/errors';
import { declareConflict } from '#shared/use-cases/declare-conflict';
import { exportNominations } from '#shared/use-cases/export-nominations';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  inMemoryWorld,
  nominated,
  organizer,
  reviewer,
  secondReviewer,
} from '../../support/in-memory/world.ts';

const rowsOf = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return parse(csv, { bom: true, columns: true }) as Record<string, string>[];
};

describe('exportNominations', () => {
  it('gives one row per nomination with every answer, the status, each reviewer’s score and the average', async () => {
    const world = inMemoryWorld();
    // All 122 come from the same network within the hour: this is about the export, not that limit.
    world.limits.perSourcePerHour = 122;
    const scored = await nominated(world);
    await transitionNomination(world, scored.id, reviewer, { action: 'review', score: 4 });
    await transitionNomination(world, scored.id, secondReviewer, { action: 'review', score: 1 });
    await transitionNomination(world, scored.id, organizer, { action: 'select' });
    const plain = await nominated(world);
    await declareConflict(world, plain.id, reviewer, { note: 'Colleague' });
    const many = [];
    for (let i = 0; i < 120; i++) many.push(await nominated(world));

    const { entries } = await exportNominations(world, organizer, 'metlib-2024');
    const rows = rowsOf(nominationsCsv(entries));
    expect(rows).toHaveLength(122);
    const row = rows.find((r) => r.id === scored.id);
    expect(row).toMatchObject({
      status: 'selected',
      decision: '',
      'candidate.name': scored.candidate.name,
      'candidate.email': scored.candidate.email,
      'library.cityPopulation': String(scored.library.cityPopulation),
      'travel.libraryCoversTravel': scored.travel.libraryCoversTravel ? 'yes' : 'no',
      themes: scored.themes.join('; '),
      motivation: scored.motivation,
      reviews: '2',
      'score: reviewer@example.org': '4',
      'score: reviewer2@example.org': '1',
      averageScore: '2.5',
      conflicts: '0',
    });
    expect(rows.find((r) => r.id === plain.id)).toMatchObject({
      'score: reviewer@example.org': '',
      averageScore: '',
      conflicts: '1',
    });
    expect(Object.keys(row ?? {})).toContain('commitments.englishProficiency');
    expect(world.programs.exports()).toEqual([
      {
        programId: 'metlib-2024',
        actor: 'organizer@example.org',
        actorId: 'organizer-1',
        at: '2024-02-01T14:00:00.000Z',
        nominations: 122,
      },
    ]);
  });

  it('makes every would-be formula inert', async () => {
    const world = inMemoryWorld();
    const hostile = await nominated(world, [], (body) => {
      body.candidate.name = '=HYPERLINK("http://x","y")';
      body.candidate.role = '+1 librarian';
      body.project.title = '@SUM(A1)';
      body.nominator.role = '-dash';
    });
    const { entries } = await exportNominations(world, organizer, 'metlib-2024');
    const [row] = rowsOf(nominationsCsv(entries));
    expect(row).toMatchObject({
      id: hostile.id,
      'candidate.name': `'=HYPERLINK("http://x","y")`,
      'candidate.role': "'+1 librarian",
      'project.title': "'@SUM(A1)",
      'nominator.role': "'-dash",
    });
  });

  it('is for organizers only, and records nothing for a refused caller', async () => {
    const world = inMemoryWorld();
    await expect(exportNominations(world, reviewer, 'metlib-2024')).rejects.toThrow(
      new ForbiddenError('Only organizers may export nominations'),
    );
    await expect(exportNominations(world, organizer, 'nope')).rejects.toThrow('There is no program "nope"');
    expect(world.programs.exports()).toEqual([]);
  });
});
