import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { ConflictError, ForbiddenError, ValidationError, VersionConflictError } from '#shared/domain/errors';
import { changeSettings, readSettings } from '#shared/use-cases/change-program-settings';
import { syncSchedules } from '#shared/use-cases/sync-schedules';
import { inMemoryWorld, nominated, organizer, reviewer } from '../../support/in-memory/world.ts';

/** A deployed program (its schedules synced) on 1 February 2024, nominations open. */
const deployed = async () => {
  const world = inMemoryWorld({ now: '2024-02-01T14:00:00Z' });
  await syncSchedules(world, metlib2024);
  return world;
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

describe('changing a program’s settings', () => {
  it('is for organizers', async () => {
    const world = await deployed();
    expect(await failure(readSettings(world, 'metlib-2024', reviewer))).toBeInstanceOf(ForbiddenError);
    expect(
      await failure(
        changeSettings(world, 'metlib-2024', reviewer, {
          capacity: { min: 15, max: 22 },
          expectedVersion: 0,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('saves a change with its history, takes wall times in the program’s zone, and moves the schedules', async () => {
    const world = await deployed();
    const result = await changeSettings(world, 'metlib-2024', organizer, {
      nominationWindow: { opensAt: metlib2024.nominationWindow.opensAt, closesAt: '2024-02-20T23:59' },
      decisionsDueAt: '2024-02-26T09:00',
      contactEmail: 'circle@metlib.example.org',
      expectedVersion: 0,
      note: 'A week more for nominations',
    });
    expect(result.settingsVersion).toBe(1);
    // 23:59 in New York on 20 February (to the end of that minute) is 04:59:59 UTC on the 21st.
    expect(result.settings.nominationWindow.closesAt).toBe('2024-02-21T04:59:59.000Z');
    const { program, settingsVersion } = await world.programs.require('metlib-2024');
    expect(settingsVersion).toBe(1);
    expect(program.decisionsDueAt).toBe('2024-02-26T14:00:00.000Z');
    expect(program.contactEmail).toBe('circle@metlib.example.org');
    expect(world.registry.schedules('metlib-2024').get('decisions-due')?.expression).toBe(
      'at(2024-02-26T09:00:00)',
    );

    const read = await readSettings(world, 'metlib-2024', organizer);
    expect(read.history).toEqual([
      {
        at: '2024-02-01T14:00:00.000Z',
        actor: organizer.email,
        version: 1,
        note: 'A week more for nominations',
        changes: {
          before: {
            nominationWindow: metlib2024.nominationWindow,
            decisionsDueAt: metlib2024.decisionsDueAt,
            contactEmail: metlib2024.contactEmail,
          },
          after: {
            nominationWindow: {
              opensAt: metlib2024.nominationWindow.opensAt,
              closesAt: '2024-02-21T04:59:59.000Z',
            },
            decisionsDueAt: '2024-02-26T14:00:00.000Z',
            contactEmail: 'circle@metlib.example.org',
          },
        },
      },
    ]);
    expect(
      await failure(
        changeSettings(world, 'metlib-2024', organizer, {
          capacity: { min: 15, max: 22 },
          expectedVersion: 0,
        }),
      ),
    ).toBeInstanceOf(VersionConflictError);
  });

  it('refuses what the program’s rules forbid, naming the field, and a change of nothing', async () => {
    const world = await deployed();
    const invalid = await failure(
      changeSettings(world, 'metlib-2024', organizer, { capacity: { min: 25, max: 20 }, expectedVersion: 0 }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).issues).toEqual([
      { path: 'capacity', message: 'the minimum must not be more than the maximum' },
    ]);
    const nothing = await failure(
      changeSettings(world, 'metlib-2024', organizer, {
        contactEmail: metlib2024.contactEmail,
        expectedVersion: 0,
      }),
    );
    expect(nothing?.message).toBe('The settings change nothing');
    expect((await world.programs.require('metlib-2024')).settingsVersion).toBe(0);
  });

  it('refuses, with the reason and nothing saved, a change that would break what already happened', async () => {
    const world = await deployed();
    await nominated(world, ['review', 'select']);
    await nominated(world, ['review', 'select']);
    const refusal = async (body: Record<string, unknown>) => {
      const error = await failure(
        changeSettings(world, 'metlib-2024', organizer, { ...body, expectedVersion: 0 }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      return error?.message;
    };
    expect(
      await refusal({
        nominationWindow: { opensAt: metlib2024.nominationWindow.opensAt, closesAt: '2024-01-31T12:00' },
      }),
    ).toBe(
      'A nomination was received at Thursday 1 February 2024, 09:00 (New York time, UTC−5); the window cannot close before that',
    );
    expect(await refusal({ capacity: { min: 1, max: 1 } })).toBe(
      '2 places are taken; the program cannot have fewer than that',
    );

    world.clock.set('2024-02-20T12:00:00Z');
    expect(await refusal({ decisionsDueAt: '2024-02-26T09:00' })).toBe(
      'Decisions were due on Monday 19 February 2024, 09:00 (New York time, UTC−5) and have been sent; that date can no longer change',
    );
    expect(await refusal({ reserveUntil: '2024-05-01' })).toBe(
      'Reserves were told that a place may open until Friday 31 May 2024; the date may move later, not earlier',
    );
    expect((await world.programs.require('metlib-2024')).settingsVersion).toBe(0);
    // Later is fine: reserves lose nothing.
    expect(
      (
        await changeSettings(world, 'metlib-2024', organizer, {
          reserveUntil: '2024-06-30',
          expectedVersion: 0,
        })
      ).settingsVersion,
    ).toBe(1);
  });
});
