import { describe, expect, it } from 'vitest';
import { checkDecisionsNotified } from '#shared/use-cases/check-decisions-notified';
import { inMemoryWorld, nominated, scheduledInput } from '../../support/in-memory/world.ts';

describe('the decisions check, an hour after decisions are due', () => {
  it('counts the decided nominations still not notified, and only those', async () => {
    const world = inMemoryWorld();
    const lateSelected = await nominated(world, ['review', 'select']);
    const lateRejected = await nominated(world, ['review', 'reject']);
    const lateReserve = await nominated(world, ['review', 'reserve']);
    await nominated(world, ['review', 'select', 'notify']);
    await nominated(world, ['review', 'reject', 'notify']);
    await nominated(world, ['review']);
    await nominated(world, ['review', 'select', 'withdraw']);
    await nominated(world);
    const check = await checkDecisionsNotified(world, scheduledInput('decisions-check'));
    expect(check).toMatchObject({ kind: 'decisions-check', decidedNotNotified: 3 });
    expect(check.nominationIds.sort()).toEqual([lateSelected.id, lateRejected.id, lateReserve.id].sort());
  });

  it('counts none once every decision was told', async () => {
    const world = inMemoryWorld();
    await nominated(world, ['review', 'select', 'notify']);
    await nominated(world, ['review']);
    expect(await checkDecisionsNotified(world, scheduledInput('decisions-check'))).toEqual({
      kind: 'decisions-check',
      decidedNotNotified: 0,
      nominationIds: [],
    });
  });
});
