import { describe, expect, it } from 'vitest';
import { scheduler } from '#shared/domain/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '#shared/domain/errors';
import { getNomination, listNominations } from '#shared/use-cases/read-nominations';
import { inMemoryWorld, nominated, organizer, outsider, reviewer } from '../../support/in-memory/world.ts';

const setUp = async () => {
  const world = inMemoryWorld();
  const reviewed = [await nominated(world, ['review']), await nominated(world, ['review'])];
  const submitted = [await nominated(world), await nominated(world), await nominated(world)];
  return { world, reviewed, submitted };
};

describe('listNominations', () => {
  it('pages through every nomination of the program with the cursor', async () => {
    const { world, reviewed, submitted } = await setUp();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listNominations(world, reviewer, 'metlib-2024', {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(seen.sort()).toEqual([...reviewed, ...submitted].map((n) => n.id).sort());
    expect(pages).toBe(3);
  });

  it('filters by status, in order of submission', async () => {
    const { world, reviewed } = await setUp();
    world.clock.advance(60_000);
    const later = await nominated(world, ['review']);
    const page = await listNominations(world, organizer, 'metlib-2024', { status: 'reviewed', limit: 10 });
    expect(page.items.map((n) => n.id)).toEqual([...reviewed.map((n) => n.id).sort(), later.id]);
    expect(page.cursor).toBeUndefined();
  });

  it('refuses a cursor from another list', async () => {
    const { world } = await setUp();
    const { cursor } = await listNominations(world, organizer, 'metlib-2024', { limit: 1 });
    await expect(
      listNominations(world, organizer, 'metlib-2024', {
        status: 'reviewed',
        limit: 1,
        ...(cursor ? { cursor } : {}),
      }),
    ).rejects.toThrow(ValidationError);
  });

  it('is for staff: 403 before 404', async () => {
    const { world } = await setUp();
    const forbidden = new ForbiddenError('This needs membership of organizers or reviewers');
    await expect(listNominations(world, outsider, 'metlib-2024', { limit: 10 })).rejects.toThrow(forbidden);
    await expect(listNominations(world, scheduler, 'metlib-2024', { limit: 10 })).rejects.toThrow(forbidden);
    await expect(listNominations(world, outsider, 'nope', { limit: 10 })).rejects.toThrow(ForbiddenError);
    await expect(listNominations(world, organizer, 'nope', { limit: 10 })).rejects.toThrow(
      new NotFoundError('There is no program "nope"'),
    );
  });
});

describe('getNomination', () => {
  it('shows a nomination with its history and emails to a reviewer', async () => {
    const { world, reviewed } = await setUp();
    const id = reviewed[0]?.id as string;
    const detail = await getNomination(world, reviewer, id);
    expect(detail.nomination).toMatchObject({ id, status: 'reviewed' });
    expect(detail.history.map((h) => h.action)).toEqual(['submit', 'confirm', 'review']);
    expect(detail.emails.map((e) => [e.key, e.status])).toEqual([
      ['acknowledgement', 'pending'],
      ['confirmation', 'pending'],
    ]);
  });

  it('is for staff, and answers 404 for an unknown or impossible id', async () => {
    const { world, reviewed } = await setUp();
    await expect(getNomination(world, outsider, reviewed[0]?.id as string)).rejects.toThrow(ForbiddenError);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'a'.repeat(3000), 'metlib-2024']) {
      await expect(getNomination(world, organizer, id)).rejects.toThrow(
        new NotFoundError(`There is no nomination "${id}"`),
      );
    }
  });
});
