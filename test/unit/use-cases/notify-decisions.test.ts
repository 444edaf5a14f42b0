import { describe, expect, it } from 'vitest';
import { scheduler } from '#shared/domain/actor';
import { ForbiddenError, NotFoundError } from '#shared/domain/errors';
import { notifyDecisions } from '#shared/use-cases/notify-decisions';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  footprint,
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  type World,
} from '../../support/in-memory/world.ts';

/** One nomination in each state that matters on decision day. */
const decisionDay = async (world: World) => ({
  selected: await nominated(world, ['review', 'select']),
  rejected: await nominated(world, ['review', 'reject']),
  submitted: await nominated(world),
  reviewed: await nominated(world, ['review']),
  withdrawn: await nominated(world, ['review', 'select', 'withdraw']),
});

const decisionEmails = (world: World) => queued(world).filter((e) => e.email.key === 'decision');

describe('notifyDecisions', () => {
  it('notifies each decided nomination once and counts the undecided', async () => {
    const world = inMemoryWorld();
    const n = await decisionDay(world);
    const report = await notifyDecisions(world, 'metlib-2024', organizer);
    expect(report).toEqual({ notified: 2, skipped: 0, undecided: 2 });
    expect(decisionEmails(world).map((e) => [e.nominationId, e.email.kind])).toEqual([
      [n.selected.id, 'decision-selected'],
      [n.rejected.id, 'decision-not-selected'],
    ]);
    expect((await world.nominations.get(n.rejected.id))?.decision).toBe('not_selected');
  });

  it('writes no second email when called again', async () => {
    const world = inMemoryWorld();
    await decisionDay(world);
    await notifyDecisions(world, 'metlib-2024', organizer);
    const before = footprint(world);
    expect(await notifyDecisions(world, 'metlib-2024', organizer)).toEqual({
      notified: 0,
      skipped: 0,
      undecided: 2,
    });
    expect(footprint(world)).toEqual(before);
  });

  it('writes each decision email once when called twice at once', async () => {
    const world = inMemoryWorld();
    await decisionDay(world);
    const reports = await Promise.all([
      notifyDecisions(world, 'metlib-2024', organizer),
      notifyDecisions(world, 'metlib-2024', organizer),
    ]);
    expect(reports.reduce((sum, r) => sum + r.notified, 0)).toBe(2);
    expect(decisionEmails(world)).toHaveLength(2);
  });

  it('skips a nomination someone changed after it was listed', async () => {
    const world = inMemoryWorld();
    const n = await decisionDay(world);
    const list = world.nominations.list.bind(world.nominations);
    let changed = false;
    world.nominations.list = async (programId, query) => {
      const page = await list(programId, query);
      if (query.status === 'selected' && !changed) {
        changed = true;
        await transitionNomination(world, n.selected.id, organizer, { action: 'withdraw' });
      }
      return page;
    };
    expect(await notifyDecisions(world, 'metlib-2024', organizer)).toEqual({
      notified: 1,
      skipped: 1,
      undecided: 2,
    });
    expect(decisionEmails(world).map((e) => e.nominationId)).toEqual([n.rejected.id]);
  });

  it('runs for the scheduler on decision day, named in the audit trail', async () => {
    const world = inMemoryWorld();
    const n = await decisionDay(world);
    expect((await notifyDecisions(world, 'metlib-2024', scheduler)).notified).toBe(2);
    expect((await world.nominations.getDetail(n.selected.id))?.history.at(-1)).toMatchObject({
      actor: 'scheduler',
      action: 'notify',
      to: 'notified',
    });
  });

  it('refuses a reviewer and writes nothing', async () => {
    const world = inMemoryWorld();
    await decisionDay(world);
    const before = footprint(world);
    await expect(notifyDecisions(world, 'metlib-2024', reviewer)).rejects.toThrow(
      new ForbiddenError('This needs membership of organizers'),
    );
    expect(footprint(world)).toEqual(before);
  });

  it('answers 404 for an unknown program', async () => {
    await expect(notifyDecisions(inMemoryWorld(), 'nope', organizer)).rejects.toThrow(NotFoundError);
  });
});
