import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nominationsCsv } from '#shared/documents/nominations-csv';
import type { StaffActor } from '#shared/domain/actor';
import { ConflictOfInterestError } from '#shared/domain/errors';
import { presentDetail, presentNomination } from '#shared/http/present-nomination';
import {
  classifyNomination,
  decideInBulk,
  decideStipend,
  readCohort,
} from '#shared/use-cases/compose-cohort';
import { correctNomination } from '#shared/use-cases/correct-nomination';
import { declareConflict } from '#shared/use-cases/declare-conflict';
import { exportNominations } from '#shared/use-cases/export-nominations';
import { getNomination } from '#shared/use-cases/read-nominations';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  inMemoryWorld,
  nominated,
  organizer,
  refused,
  reviewer,
  secondReviewer,
  type World,
} from '../../support/in-memory/world.ts';

/** The organizer who stays fair: the decisions the conflicted one may not make are theirs. */
const otherOrganizer: StaffActor = {
  kind: 'staff',
  id: 'organizer-2',
  email: 'organizer2@example.org',
  groups: ['organizers'],
};

const fromNairobi = (body: { library: { country: string; city: string } }) => {
  body.library.country = 'KE';
  body.library.city = 'Nairobi';
};

/** A participant from Nairobi, reviewed with a note, with a stipend awarded with a note; `organizer` then declares a conflict. */
const conflictedParticipant = async (world: World) => {
  const { id } = await nominated(world, [], fromNairobi);
  await transitionNomination(world, id, reviewer, { action: 'review', score: 5, note: 'Best of the lot' });
  await transitionNomination(world, id, otherOrganizer, { action: 'select', note: 'Strong region fit' });
  await decideStipend(world, id, otherOrganizer, { award: 'awarded', note: 'Budget confirmed' });
  await declareConflict(world, id, organizer, { note: 'I was her manager' });
  return id;
};

const secrets = /Best of the lot|Strong region fit|Budget confirmed|I was her manager|"score":5/;

describe('staff who declared a conflict of interest cannot decide the nomination', () => {
  it('refuses each decision and change to a conflicted organizer with 409, writing nothing', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, [], fromNairobi);
    await transitionNomination(world, id, reviewer, { action: 'review', score: 4 });
    await declareConflict(world, id, organizer, { note: 'A relative' });
    const attempts: [string, () => Promise<unknown>][] = [
      ['select', () => transitionNomination(world, id, organizer, { action: 'select' })],
      ['reject', () => transitionNomination(world, id, organizer, { action: 'reject' })],
      ['reserve', () => transitionNomination(world, id, organizer, { action: 'reserve', rank: 1 })],
      ['withdraw', () => transitionNomination(world, id, organizer, { action: 'withdraw' })],
      ['classify', () => classifyNomination(world, id, organizer, { globalSouth: false })],
      [
        'correct',
        () =>
          correctNomination(world, id, organizer, {
            candidate: { name: 'Someone Else' },
            expectedVersion: 4,
          }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const error = await refused(world, id, attempt);
      expect(error, what).toBeInstanceOf(ConflictOfInterestError);
    }
    const [bulk] = await decideInBulk(world, 'metlib-2024', organizer, [{ id, action: 'select' }]);
    expect(bulk).toMatchObject({ ok: false, error: { status: 409, code: 'ConflictOfInterest' } });

    // Another organizer decides; the conflicted one may not touch the stipend, and may tell the decision.
    await transitionNomination(world, id, otherOrganizer, { action: 'select' });
    const stipend = await refused(world, id, () => decideStipend(world, id, organizer, { award: 'awarded' }));
    expect(stipend).toBeInstanceOf(ConflictOfInterestError);
    await expect(transitionNomination(world, id, organizer, { action: 'notify' })).resolves.toMatchObject({
      status: 'notified',
    });
  });
});

describe('staff who declared a conflict of interest do not see its reviews or notes', () => {
  it('withholds reviews, scores and every note from the declarer, organizer or reviewer, in the detail and the list', async () => {
    const world = inMemoryWorld();
    const id = await conflictedParticipant(world);
    await declareConflict(world, id, secondReviewer, {});
    for (const viewer of [organizer, secondReviewer]) {
      const detail = presentDetail(await getNomination(world, viewer, id), viewer);
      expect(detail.reviews).toMatchObject({ count: 1, averageScore: null, withheld: true, entries: [] });
      expect(detail.stipend.decision).toMatchObject({ award: 'awarded' });
      expect(JSON.stringify(detail)).not.toMatch(secrets);
      const stored = await world.nominations.get(id);
      expect(JSON.stringify(stored && presentNomination(stored, viewer))).not.toMatch(secrets);
    }
    // The fair organizer sees everything.
    const fair = presentDetail(await getNomination(world, otherOrganizer, id), otherOrganizer);
    expect(fair.reviews).toMatchObject({ averageScore: 5 });
    expect(JSON.stringify(fair)).toMatch(/Best of the lot/);
    expect(fair.stipend.decision).toMatchObject({ note: 'Budget confirmed' });
  });

  it('leaves the scores out of a conflicted organizer’s export and the notes out of their cohort', async () => {
    const world = inMemoryWorld();
    const id = await conflictedParticipant(world);
    const rows = (exportFor: StaffActor) =>
      exportNominations(world, exportFor, 'metlib-2024').then(
        ({ entries }) =>
          parse(nominationsCsv(entries), { bom: true, columns: true }) as Record<string, string>[],
      );
    const [conflicted] = await rows(organizer);
    expect(conflicted).toMatchObject({ id, reviews: '1', averageScore: 'withheld' });
    expect(Object.keys(conflicted ?? {}).filter((c) => c.startsWith('score:'))).toEqual([]);
    const [fair] = await rows(otherOrganizer);
    expect(fair).toMatchObject({ averageScore: '5', 'score: reviewer@example.org': '5' });

    const cohort = await readCohort(world, 'metlib-2024', organizer);
    expect(cohort.participants[0]?.stipend.award).toMatchObject({ award: 'awarded' });
    expect(JSON.stringify(cohort)).not.toMatch(secrets);
    expect(JSON.stringify(await readCohort(world, 'metlib-2024', otherOrganizer))).toMatch(
      /Budget confirmed/,
    );
  });
});
