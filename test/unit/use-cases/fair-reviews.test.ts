import { describe, expect, it } from 'vitest';
import { nominator, participant, type StaffActor, scheduler } from '#shared/domain/actor';
import { VersionConflictError } from '#shared/domain/errors';
import { seesReviews, summarizeReview } from '#shared/domain/reviews';
import { presentDetail, presentNomination } from '#shared/http/present-nomination';
import { getNomination } from '#shared/use-cases/read-nominations';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { nominationAt, sampleNomination } from '../../support/fixtures.ts';
import {
  footprint,
  inMemoryWorld,
  nominated,
  organizer,
  reviewer,
  secondReviewer,
} from '../../support/in-memory/world.ts';

const review = (world: ReturnType<typeof inMemoryWorld>, id: string, actor = reviewer, extra = {}) =>
  transitionNomination(world, id, actor, { action: 'review', ...extra });

describe('fair reviews: one review per reviewer', () => {
  it('replaces a reviewer’s earlier review and averages over distinct reviewers', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, reviewer, { score: 2, note: 'First thoughts' });
    world.clock.advance(60_000);
    await review(world, id, reviewer, { score: 4, note: 'On reflection' });
    const after = await review(world, id, secondReviewer, { score: 5 });
    expect(after).toMatchObject({
      reviewCount: 2,
      scoreCount: 2,
      scoreTotal: 9,
      reviewedBy: ['reviewer-1', 'reviewer-2'],
      version: 5,
    });
    const detail = await world.nominations.getDetail(id);
    expect(detail?.reviews).toEqual([
      {
        reviewer: 'reviewer-1',
        email: 'reviewer@example.org',
        score: 4,
        note: 'On reflection',
        at: '2024-02-01T14:01:00.000Z',
      },
      { reviewer: 'reviewer-2', email: 'reviewer2@example.org', score: 5, at: '2024-02-01T14:01:00.000Z' },
    ]);
    expect(world.nominations.reviewItems()).toBe(2);
    // The history keeps every review as it was given.
    expect(detail?.history.map((h) => h.score)).toEqual([undefined, undefined, 2, 4, 5]);
    expect(presentNomination(after, organizer).reviews).toEqual({ count: 2, scored: 2, averageScore: 4.5 });
  });

  it('reads the nomination and the reviewer’s own review only, not its history and emails', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, reviewer, { score: 2 });
    const reads: string[] = [];
    const store = world.nominations;
    const counted =
      <A extends unknown[], R>(name: string, read: (...args: A) => R) =>
      (...args: A) => {
        reads.push(name);
        return read(...args);
      };
    const spied = Object.assign(Object.create(store), {
      getDetail: counted('getDetail', store.getDetail.bind(store)),
      reviewsOf: counted('reviewsOf', store.reviewsOf.bind(store)),
      reviewBy: counted('reviewBy', store.reviewBy.bind(store)),
    });
    const again = await transitionNomination({ ...world, nominations: spied }, id, reviewer, {
      action: 'review',
      score: 4,
    });
    expect(again).toMatchObject({ reviewCount: 1, scoreCount: 1, scoreTotal: 4 });
    expect(reads).toEqual(['reviewBy']);
  });

  it('refuses a review without a score, with nothing or a note alone: nothing is written and the reviewer stays blind', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, secondReviewer, { score: 2, note: 'Weak budget' });
    const before = footprint(world);
    for (const extra of [{}, { note: 'Fine by me' }]) {
      await expect(review(world, id, reviewer, extra)).rejects.toMatchObject({
        code: 'ValidationError',
        issues: [{ path: 'score', message: expect.any(String) }],
      });
    }
    expect(footprint(world)).toEqual(before);
    const stored = await world.nominations.get(id);
    expect(stored).toMatchObject({ reviewCount: 1, version: 3, reviewedBy: ['reviewer-2'] });
    const blind = presentDetail(await getNomination(world, reviewer, id), reviewer);
    expect(blind.reviewedByMe).toBe(false);
    expect(blind.reviews).toMatchObject({ withheld: true, entries: [] });
    expect(JSON.stringify(blind)).not.toContain('Weak budget');
    // A review with a score is still taken, and only then are the others' reviews shown.
    await review(world, id, reviewer, { score: 4 });
    expect(presentDetail(await getNomination(world, reviewer, id), reviewer).reviews.entries).toHaveLength(2);
  });

  it('lets two reviewers review the same nomination at once: both reviews count', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    const results = await Promise.allSettled([
      review(world, id, reviewer, { score: 3 }),
      review(world, id, secondReviewer, { score: 5 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await world.nominations.get(id)).toMatchObject({ reviewCount: 2, scoreTotal: 8, version: 4 });
  });

  it('still refuses a review that names a version it no longer is at', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, secondReviewer, { score: 3 });
    await expect(review(world, id, reviewer, { score: 3, expectedVersion: 2 })).rejects.toThrow(
      VersionConflictError,
    );
  });

  it('counts a reviewer once by their earlier review, even where the nomination does not list them', () => {
    const before = { ...sampleNomination(), reviewCount: 1, scoreCount: 1, scoreTotal: 3 };
    const earlier = { reviewer: reviewer.id, score: 3, at: before.submittedAt };
    const again = summarizeReview(before, earlier, { ...earlier, score: 5 });
    expect(again).toMatchObject({ reviewCount: 1, scoreCount: 1, scoreTotal: 5 });
  });
});

describe('fair reviews: blind until you have reviewed', () => {
  it('withholds other reviewers’ scores and notes from a reviewer who has not reviewed, then shows them', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, reviewer, { score: 2, note: 'Weak budget' });

    const blind = presentDetail(await getNomination(world, secondReviewer, id), secondReviewer);
    expect(blind.reviews).toEqual({
      count: 1,
      scored: null,
      averageScore: null,
      withheld: true,
      entries: [],
    });
    expect(blind.reviewedByMe).toBe(false);
    expect(blind.history[2]).toEqual({
      at: '2024-02-01T14:00:00.000Z',
      actor: 'reviewer@example.org',
      actorId: 'reviewer-1',
      action: 'review',
      from: 'submitted',
      to: 'reviewed',
      version: 3,
    });
    expect(JSON.stringify(blind)).not.toMatch(/Weak budget|"score":2/);
    expect(blind).not.toHaveProperty('conflicts');

    await review(world, id, secondReviewer, { score: 4 });
    const open = presentDetail(await getNomination(world, secondReviewer, id), secondReviewer);
    expect(open.reviewedByMe).toBe(true);
    expect(open.reviews).toEqual({
      count: 2,
      scored: 2,
      averageScore: 3,
      entries: [
        { reviewer: 'reviewer@example.org', score: 2, note: 'Weak budget', at: '2024-02-01T14:00:00.000Z' },
        { reviewer: 'reviewer2@example.org', score: 4, at: '2024-02-01T14:00:00.000Z' },
      ],
    });
    expect(open.history[2]).toMatchObject({ note: 'Weak budget', score: 2 });
  });

  it('shows organizers everything without their having reviewed', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await review(world, id, reviewer, { score: 2, note: 'Weak budget' });
    const detail = presentDetail(await getNomination(world, organizer, id), organizer);
    expect(detail.reviews).toMatchObject({ count: 1, averageScore: 2, entries: [{ note: 'Weak budget' }] });
    expect(detail.conflicts).toEqual([]);
  });

  it('shows them to the scheduler, and not to an organizer of another program, a nominator or a participant', () => {
    const reviewed = { ...nominationAt('reviewed'), reviewCount: 1, reviewedBy: [secondReviewer.id] };
    const elsewhere: StaffActor = {
      ...organizer,
      groups: [],
      programGroups: { 'other-2025': ['organizers'] },
    };
    expect(seesReviews(scheduler, reviewed)).toBe(true);
    expect(seesReviews(secondReviewer, reviewed)).toBe(true);
    for (const actor of [reviewer, elsewhere, nominator, participant]) {
      expect(seesReviews(actor, reviewed)).toBe(false);
    }
  });
});
