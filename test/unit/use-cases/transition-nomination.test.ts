import { describe, expect, it } from 'vitest';
import { type Actor, scheduler } from '#shared/domain/actor';
import {
  CapacityReachedError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  VersionConflictError,
} from '#shared/domain/errors';
import type { NominationAction } from '#shared/domain/nomination-states';
import { presentNomination } from '#shared/http/present-nomination';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  inMemoryWorld,
  nominated,
  organizer,
  outsider,
  queued,
  refused,
  reviewer,
  siteUrl,
  type World,
} from '../../support/in-memory/world.ts';

const act = (
  world: World,
  id: string,
  action: NominationAction,
  extra: object = {},
  actor: Actor = organizer,
) => transitionNomination(world, id, actor, { action, ...extra });

describe('transitionNomination: who may do what', () => {
  it('lets a reviewer review, and names them in the audit trail', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    world.clock.advance(60_000);
    const after = await act(world, id, 'review', { note: 'Strong <civic> project', score: 4 }, reviewer);
    expect(after).toMatchObject({ status: 'reviewed', version: 3, updatedAt: '2024-02-01T14:01:00.000Z' });
    expect((await world.nominations.getDetail(id))?.history[2]).toEqual({
      at: '2024-02-01T14:01:00.000Z',
      actor: 'reviewer@example.org',
      actorId: 'reviewer-1',
      action: 'review',
      from: 'submitted',
      to: 'reviewed',
      version: 3,
      note: 'Strong <civic> project',
      score: 4,
    });
  });

  it.each(['select', 'reject', 'notify', 'withdraw'] as const)(
    'refuses a reviewer who tries to %s, with the rule in words, before looking the nomination up',
    async (action) => {
      const world = inMemoryWorld();
      const { id } = await nominated(world, ['review']);
      const error = await refused(world, id, () => act(world, id, action, {}, reviewer));
      expect(error).toEqual(
        new ForbiddenError(`Only organizers may ${action} nominations; reviewers may review`),
      );
      await expect(act(world, '00000000-0000-4000-8000-000000000000', action, {}, reviewer)).rejects.toThrow(
        ForbiddenError,
      );
    },
  );

  it('refuses staff in no group, and the scheduler anything but notify', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review']);
    await refused(world, id, () => act(world, id, 'review', {}, outsider));
    await expect(act(world, id, 'review', {}, outsider)).rejects.toThrow(
      'This needs membership of organizers or reviewers',
    );
    await refused(world, id, () => act(world, id, 'select', {}, scheduler));
  });

  it.each([
    ['an unknown nomination', '00000000-0000-4000-8000-000000000000'],
    ['an id no nomination could have', 'a'.repeat(3000)],
  ])('answers 404 for %s', async (_, id) => {
    const world = inMemoryWorld();
    await expect(act(world, id, 'review')).rejects.toThrow(
      new NotFoundError(`There is no nomination "${id}"`),
    );
  });
});

describe('transitionNomination: the state table and versions', () => {
  it('refuses a transition the state table does not have, listing the allowed actions', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    const error = await refused(world, id, () => act(world, id, 'notify'));
    expect(error).toBeInstanceOf(InvalidTransitionError);
    expect(error.message).toBe('Cannot notify a nomination that is submitted; allowed: review, withdraw');
    expect((error as InvalidTransitionError).allowedActions).toEqual(['review', 'withdraw']);
  });

  it('refuses a stale expectedVersion and changes nothing', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review']);
    const error = await refused(world, id, () => act(world, id, 'select', { expectedVersion: 2 }));
    expect(error).toEqual(
      new VersionConflictError('The nomination is at version 3, not 2; reload it and try again'),
    );
    expect(await act(world, id, 'select', { expectedVersion: 3 })).toMatchObject({ status: 'selected' });
  });

  it('lets exactly one of two concurrent changes from the same version win', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review']);
    const results = await Promise.allSettled([act(world, id, 'select'), act(world, id, 'reject')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toEqual(
      new VersionConflictError('The nomination was changed by someone else; reload it and try again'),
    );
    const detail = await world.nominations.getDetail(id);
    expect(detail?.nomination.version).toBe(4);
    expect(detail?.history).toHaveLength(4);
  });

  it('counts each reviewer once with their latest review, and averages their latest scores', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world);
    await act(world, id, 'review', { score: 4 }, reviewer);
    await act(world, id, 'review', { score: 2, note: 'On reflection' }, reviewer);
    const after = await act(world, id, 'review', { score: 5 });
    expect(after).toMatchObject({ reviewCount: 2, scoreCount: 2, scoreTotal: 7, status: 'reviewed' });
    expect(presentNomination(after, organizer).reviews).toEqual({ count: 2, scored: 2, averageScore: 3.5 });
    const history = (await world.nominations.getDetail(id))?.history ?? [];
    expect(history.map((h) => h.score)).toEqual([undefined, undefined, 4, 2, 5]);
  });
});

describe('transitionNomination: places', () => {
  it('refuses the 21st selection, writes nothing for it, and frees a place on rejection or withdrawal', async () => {
    const world = inMemoryWorld();
    // All 22 come from the same network within the hour: this is about places, not that limit.
    world.limits.perSourcePerHour = 22;
    const reviewed = [];
    for (let i = 0; i < 22; i++) reviewed.push((await nominated(world, ['review'])).id);
    const [first, second, ...rest] = reviewed as [string, string, ...string[]];
    for (const id of [first, second, ...rest.slice(0, 18)]) await act(world, id, 'select');
    expect(world.nominations.placesTaken('metlib-2024')).toBe(20);

    const last = rest[18] as string;
    const error = await refused(world, last, () => act(world, last, 'select'));
    expect(error).toEqual(
      new CapacityReachedError('All 20 places are taken; reject or withdraw a selected nomination first'),
    );

    await act(world, first, 'reject');
    expect(world.nominations.placesTaken('metlib-2024')).toBe(19);
    await act(world, last, 'select');
    await act(world, second, 'notify');
    expect(world.nominations.placesTaken('metlib-2024')).toBe(20);
    await act(world, second, 'withdraw');
    expect(world.nominations.placesTaken('metlib-2024')).toBe(19);
    await expect(act(world, rest[19] as string, 'select')).resolves.toMatchObject({ status: 'selected' });
    // A rejected nomination selected again takes a place again.
    await expect(act(world, first, 'select')).rejects.toThrow(CapacityReachedError);
  });
});

describe('transitionNomination: notify', () => {
  it('queues the "selected" decision with the private page to the candidate alone, and the news without it to the nominator', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world, ['review', 'select']);
    expect(queued(world).map((e) => e.email.kind)).toEqual(['confirmation', 'acknowledgement']);
    const after = await act(world, n.id, 'notify');
    expect(after).toMatchObject({ status: 'notified', decision: 'selected', version: 5 });
    const decisions = queued(world).filter((e) => e.email.key.startsWith('decision'));
    expect(
      decisions.map((e) => [e.email.kind, e.email.subject, e.email.to, e.email.cc, e.nominationId]),
    ).toEqual([
      ['decision-selected', 'Selected: MetLib Learning Circle 2024', [n.candidate.email], [], n.id],
      [
        'decision-selected-nominator',
        `${n.candidate.name} has been selected: MetLib Learning Circle 2024`,
        [n.nominator.email],
        [],
        n.id,
      ],
    ]);
    expect(decisions[0]?.email.text).toContain('Tuesday 9 April 2024, 09:00 (New York time, UTC−4)');
    expect(decisions[0]?.email.text).toContain(`${siteUrl}/participants/`);
    expect(decisions[1]?.email.text).not.toContain('/participants/');
    expect((await world.nominations.getDetail(n.id))?.emails.map((e) => e.kind)).toEqual([
      // In the order of their keys, as the partition sorts them.
      'acknowledgement',
      'confirmation',
      'decision-selected',
      'decision-selected-nominator',
    ]);
  });

  it('queues the not-selected decision for a rejected nomination', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review', 'reject']);
    await act(world, id, 'notify');
    expect(queued(world, 'decision-not-selected').map((e) => e.email.subject)).toEqual([
      'Your nomination for the MetLib Learning Circle 2024',
    ]);
    expect(queued(world, 'decision-selected')).toEqual([]);
  });

  it('names the first meeting as the timeline now stands', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review', 'select']);
    const { program } = await world.programs.require('metlib-2024');
    const timeline = program.timeline.map((e) =>
      e.id === 'meeting-2024-04' ? { ...e, when: { at: '2024-04-16T09:00', durationMinutes: 120 } } : e,
    );
    await world.programs.saveTimeline({
      programId: program.id,
      timeline,
      expectedVersion: 0,
      actor: 'o',
      at: '',
    });
    await act(world, id, 'notify');
    expect(queued(world, 'decision-selected')[0]?.email.text).toContain('Tuesday 16 April 2024, 09:00');
  });

  it('writes one decision email when notify is sent three times at once', async () => {
    const world = inMemoryWorld();
    const { id } = await nominated(world, ['review', 'select']);
    const results = await Promise.allSettled([
      act(world, id, 'notify'),
      act(world, id, 'notify'),
      act(world, id, 'notify'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(queued(world, 'decision-selected')).toHaveLength(1);
    expect(queued(world, 'decision-selected-nominator')).toHaveLength(1);
  });

  it('queues no email for any other transition', async () => {
    const world = inMemoryWorld();
    await nominated(world, ['review', 'review', 'select', 'reject', 'select', 'withdraw']);
    expect(queued(world).map((e) => e.email.kind)).toEqual(['confirmation', 'acknowledgement']);
  });
});
