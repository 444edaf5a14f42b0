import { describe, expect, it } from 'vitest';
import { classifyNomination, decideInBulk, decideStipend } from '#shared/use-cases/compose-cohort';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { inMemoryWorld, nominated, organizer, queued, refused } from '../../support/in-memory/world.ts';

const fromNairobi = (body: { library: { country: string; city: string } }) => {
  body.library.country = 'KE';
  body.library.city = 'Nairobi';
};

describe('travel stipends', () => {
  it('are refused, with nothing written, to a non-participant, to one not eligible, and past the maximum', async () => {
    const world = inMemoryWorld();
    const reviewed = await nominated(world, ['review'], fromNairobi);
    expect(
      (
        await refused(world, reviewed.id, () =>
          decideStipend(world, reviewed.id, organizer, { award: 'awarded' }),
        )
      ).message,
    ).toBe('Only a participant (a selected nomination) has a stipend decision');
    const spain = await nominated(world, ['review', 'select']);
    expect(
      (await refused(world, spain.id, () => decideStipend(world, spain.id, organizer, { award: 'awarded' })))
        .message,
    ).toContain('Stipends are for participants from the Global South');

    for (let i = 0; i < 3; i += 1) {
      const p = await nominated(world, ['review', 'select'], fromNairobi);
      await decideStipend(world, p.id, organizer, { award: 'awarded' });
    }
    const fourth = await nominated(world, ['review', 'select'], fromNairobi);
    const error = await refused(world, fourth.id, () =>
      decideStipend(world, fourth.id, organizer, { award: 'awarded' }),
    );
    expect(error.message).toBe('All 3 travel stipends are awarded; change another award first');
  });

  it('go back when the participant loses their place, and a new selection starts without one', async () => {
    const world = inMemoryWorld();
    const holders = [];
    for (let i = 0; i < 3; i += 1) {
      const p = await nominated(world, ['review', 'select'], fromNairobi);
      await decideStipend(world, p.id, organizer, { award: 'awarded' });
      holders.push(p);
    }
    const first = holders[0]?.id as string;
    const rejected = await transitionNomination(world, first, organizer, { action: 'reject' });
    expect(rejected.stipend).toBeUndefined();
    const other = await nominated(world, ['review', 'select'], fromNairobi);
    expect((await decideStipend(world, other.id, organizer, { award: 'awarded' })).stipend?.award).toBe(
      'awarded',
    );
    // Selected again, the first has no award to count against the full stipends.
    expect((await transitionNomination(world, first, organizer, { action: 'select' })).status).toBe(
      'selected',
    );
  });

  it('are told once: in the decision email when awarded before it, else in an email of their own', async () => {
    const world = inMemoryWorld();
    const early = await nominated(world, ['review', 'select'], fromNairobi);
    await decideStipend(world, early.id, organizer, { award: 'awarded' });
    const told = await transitionNomination(world, early.id, organizer, { action: 'notify' });
    expect(told.stipendTold).toBe(true);
    expect(queued(world, 'decision-selected')[0]?.email.text).toContain(
      'You have been awarded a travel stipend',
    );

    const late = await nominated(world, ['review', 'select', 'notify'], fromNairobi);
    await decideStipend(world, late.id, organizer, { award: 'awarded' });
    await decideStipend(world, late.id, organizer, { award: 'declined' });
    await decideStipend(world, late.id, organizer, { award: 'awarded' });
    expect(queued(world, 'stipend-awarded').map((e) => e.nominationId)).toEqual([late.id]);
  });
});

describe('corrections of region and Global South', () => {
  it('refuse an unknown code, a change of nothing, and taking eligibility from an award holder', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world, ['review', 'select'], fromNairobi);
    expect(
      (await refused(world, n.id, () => classifyNomination(world, n.id, organizer, { subRegion: '999' })))
        .message,
    ).toBe('The classification is not valid');
    expect(
      (await refused(world, n.id, () => classifyNomination(world, n.id, organizer, { globalSouth: null })))
        .message,
    ).toBe('The classification changes nothing');
    await decideStipend(world, n.id, organizer, { award: 'awarded' });
    expect(
      (await refused(world, n.id, () => classifyNomination(world, n.id, organizer, { globalSouth: false })))
        .message,
    ).toBe('This participant holds an awarded stipend; change the award before the Global South status');

    const corrected = await classifyNomination(world, n.id, organizer, {
      subRegion: '145',
      note: 'Branch abroad',
    });
    expect(corrected.classification).toEqual({ subRegion: '145' });
    const back = await classifyNomination(world, n.id, organizer, { subRegion: null });
    expect(back.classification).toBeUndefined();
  });
});

describe('bulk decisions', () => {
  it('make each decision on its own and report why any failed', async () => {
    const world = inMemoryWorld();
    const a = await nominated(world, ['review']);
    const b = await nominated(world, ['review', 'select', 'notify']);
    const c = await nominated(world, ['review']);
    const results = await decideInBulk(world, 'metlib-2024', organizer, [
      { id: a.id, action: 'select' },
      { id: b.id, action: 'reject' },
      { id: c.id, action: 'reserve' },
      { id: 'not-a-nomination', action: 'select' },
    ]);
    expect(results).toEqual([
      { id: a.id, ok: true, status: 'selected', version: a.version + 1 },
      {
        id: b.id,
        ok: false,
        error: {
          status: 409,
          code: 'InvalidTransition',
          message: 'Cannot reject a nomination that is notified (selected); allowed: withdraw',
        },
      },
      { id: c.id, ok: true, status: 'reserve', version: c.version + 1, rank: 1 },
      {
        id: 'not-a-nomination',
        ok: false,
        error: { status: 404, code: 'NotFound', message: 'There is no nomination "not-a-nomination"' },
      },
    ]);
  });
});
