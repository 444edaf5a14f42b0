import { describe, expect, it } from 'vitest';
import { ConflictOfInterestError, ForbiddenError, ValidationError } from '#shared/domain/errors';
import { inQueueOf } from '#shared/domain/reviews';
import { presentDetail, presentNomination } from '#shared/http/present-nomination';
import { declareConflict } from '#shared/use-cases/declare-conflict';
import { getNomination } from '#shared/use-cases/read-nominations';
import { listQueue } from '#shared/use-cases/reviewer-queue';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { nominationAt } from '../../support/fixtures.ts';
import {
  footprint,
  inMemoryWorld,
  nominated,
  organizer,
  outsider,
  reviewer,
  secondReviewer,
  type World,
} from '../../support/in-memory/world.ts';

const review = (world: World, id: string, actor = reviewer) =>
  transitionNomination(world, id, actor, { action: 'review', score: 3 });

/** Every item of the caller's queue, page by page, and how many pages it took. */
const wholeQueue = async (world: World, actor = reviewer, limit = 2) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listQueue(world, actor, 'metlib-2024', { limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((n) => n.id));
    cursor = page.cursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
};

describe('declareConflict', () => {
  it('records who declared, when and why, with an audit entry, and blocks their review', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    world.clock.advance(60_000);
    const after = await declareConflict(world, id, reviewer, { note: 'She is my sister-in-law' });
    expect(after).toMatchObject({
      version: 3,
      status: 'submitted',
      conflicts: [
        {
          by: 'reviewer-1',
          email: 'reviewer@example.org',
          at: '2024-02-01T14:01:00.000Z',
          note: 'She is my sister-in-law',
        },
      ],
    });
    const detail = await world.nominations.getDetail(id);
    expect(detail?.history[2]).toEqual({
      at: '2024-02-01T14:01:00.000Z',
      actor: 'reviewer@example.org',
      actorId: 'reviewer-1',
      action: 'declare-conflict',
      from: 'submitted',
      to: 'submitted',
      version: 3,
      note: 'She is my sister-in-law',
    });

    const before = footprint(world);
    await expect(review(world, id)).rejects.toThrow(
      new ConflictOfInterestError(
        'You declared a conflict of interest with this nomination, so you cannot review it',
      ),
    );
    expect(footprint(world)).toEqual(before);
    expect(world.nominations.reviewItems()).toBe(0);
    // Others still review it.
    await expect(review(world, id, secondReviewer)).resolves.toMatchObject({ reviewCount: 1 });
  });

  it('shows organizers the declarations, and the declarer only that they declared', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await declareConflict(world, id, reviewer, { note: 'Former colleague' });
    const forOrganizer = presentDetail(await getNomination(world, organizer, id), organizer);
    expect(forOrganizer.conflicts).toEqual([
      { by: 'reviewer@example.org', at: '2024-02-01T14:00:00.000Z', note: 'Former colleague' },
    ]);
    expect(forOrganizer.conflictCount).toBe(1);
    const forDeclarer = presentDetail(await getNomination(world, reviewer, id), reviewer);
    expect(forDeclarer).not.toHaveProperty('conflicts');
    const forOther = presentDetail(await getNomination(world, secondReviewer, id), secondReviewer);
    expect(forOther.history[2]).toMatchObject({ action: 'declare-conflict' });
    expect(forOther.history[2]).not.toHaveProperty('note');
    expect(forOrganizer.history[2]).toMatchObject({ note: 'Former colleague' });
    expect(forDeclarer.conflictDeclaredByMe).toBe(true);
    const stored = await world.nominations.get(id);
    expect(stored && presentNomination(stored, secondReviewer)).toMatchObject({
      conflictDeclaredByMe: false,
      conflictCount: 1,
    });
  });

  it('refuses a second declaration, a declaration after reviewing, and staff in no group', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await declareConflict(world, id, reviewer, {});
    await expect(declareConflict(world, id, reviewer, {})).rejects.toThrow(
      'You have already declared a conflict of interest with this nomination',
    );
    await review(world, id, secondReviewer);
    await expect(declareConflict(world, id, secondReviewer, {})).rejects.toThrow(ConflictOfInterestError);
    await expect(declareConflict(world, id, outsider, {})).rejects.toThrow(ForbiddenError);
    await expect(declareConflict(world, 'nope', reviewer, {})).rejects.toThrow(
      'There is no nomination "nope"',
    );
  });
});

describe('listQueue', () => {
  it('holds the submitted, then reviewed, nominations the caller has not reviewed and has no conflict with', async () => {
    const world = inMemoryWorld();
    const reviewedByOther = await nominated(world);
    await review(world, reviewedByOther.id, secondReviewer);
    const reviewedByMe = await nominated(world);
    await review(world, reviewedByMe.id);
    const conflicted = await nominated(world);
    await declareConflict(world, conflicted.id, reviewer, {});
    const fresh = [await nominated(world), await nominated(world), await nominated(world)];
    const selected = await nominated(world, ['review', 'select']);

    const mine = await wholeQueue(world);
    expect(mine.ids).toEqual([...fresh.map((n) => n.id).sort(), reviewedByOther.id]);
    expect(mine.ids).not.toContain(selected.id);

    const theirs = await wholeQueue(world, secondReviewer, 100);
    expect(theirs.ids.sort()).toEqual([...fresh, conflicted, reviewedByMe].map((n) => n.id).sort());
    expect(theirs.pages).toBe(1);
  });

  it('pages through a queue whose first index pages hold nothing of the caller’s', async () => {
    const world = inMemoryWorld();
    for (let i = 0; i < 5; i++) await review(world, (await nominated(world)).id);
    const open = await nominated(world, ['review']);
    const { ids } = await wholeQueue(world, reviewer, 2);
    expect(ids).toEqual([open.id]);
  });

  it('refuses a cursor it did not give', async () => {
    const world = inMemoryWorld();
    await expect(listQueue(world, reviewer, 'metlib-2024', { limit: 2, cursor: 'bm9wZQ' })).rejects.toThrow(
      ValidationError,
    );
  });

  it('holds only what is confirmed and undecided, and not what the caller reviewed or declared a conflict with', () => {
    expect(inQueueOf(reviewer, nominationAt('submitted'))).toBe(true);
    const reviewed = { ...nominationAt('reviewed'), reviewCount: 1, reviewedBy: [secondReviewer.id] };
    expect(inQueueOf(reviewer, reviewed)).toBe(true);
    expect(inQueueOf(secondReviewer, reviewed)).toBe(false);
    const conflicted = nominationAt(
      'submitted',
      {},
      { conflicts: [{ by: reviewer.id, at: reviewed.submittedAt }] },
    );
    expect(inQueueOf(reviewer, conflicted)).toBe(false);
    expect(inQueueOf(secondReviewer, conflicted)).toBe(true);
    for (const status of ['unconfirmed', 'selected', 'not_selected', 'reserve', 'withdrawn'] as const) {
      expect(inQueueOf(reviewer, nominationAt(status))).toBe(false);
    }
  });
});
