import { describe, expect, it } from 'vitest';
import { TooManySubmissionsError, ValidationError } from '#shared/domain/errors';
import type { Nomination } from '#shared/domain/nomination';
import { bodyOrder } from '#shared/domain/nomination-fields';
import { candidateAddressChanges, correctionsPerDay } from '#shared/domain/public-limits';
import { presentManaged } from '#shared/http/present-managed';
import { correctByNominator, nominationToManage } from '#shared/use-cases/manage-nomination';
import { getNomination } from '#shared/use-cases/read-nominations';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import {
  inMemoryWorld,
  linkIn,
  nominated,
  organizer,
  queued,
  refused,
  sampleBody,
  submission,
  type World,
} from '../../support/in-memory/world.ts';

/** The nomination's answers as the edit form posts them back, with `change` made. */
const answers = (n: Nomination, change: (body: ReturnType<typeof sampleBody>) => void = () => {}) => {
  const body = structuredClone(Object.fromEntries(bodyOrder().map((key) => [key, n[key]])));
  change(body as ReturnType<typeof sampleBody>);
  return body;
};

const manageLink = (world: World, n: Nomination) => linkIn(world, n.id, 'manage');

/** The emails a nomination has queued to `address`, in any role. */
const mailTo = (world: World, address: string) =>
  queued(world).filter((e) => [...e.email.to, ...e.email.cc].includes(address));

const newAddress = () => sampleBody().candidate.email;

describe("the nominator's correction through the manage link", () => {
  it(`gives the candidate a new address ${candidateAddressChanges} times, telling each once, then names the contact address`, async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    const token = manageLink(world, n);
    const moves = [newAddress(), newAddress()];
    for (const address of moves) {
      const stored = await world.nominations.get(n.id);
      if (!stored) throw new Error('gone');
      await correctByNominator(
        world,
        token,
        answers(stored, (b) => (b.candidate.email = address)),
      );
      expect(mailTo(world, address).map((e) => e.email.kind)).toEqual(['acknowledgement']);
    }
    const now = await nominationToManage(world, token);
    expect(presentManaged(now).candidateAddressChangesLeft).toBe(0);
    const third = newAddress();
    const error = await refused(world, n.id, () =>
      correctByNominator(
        world,
        token,
        answers(now.nomination, (b) => (b.candidate.email = third)),
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'candidate.email', message: expect.stringContaining('learning-circle@metlib.example.org') },
    ]);
    expect(mailTo(world, third)).toEqual([]);
    // Other answers may still be corrected.
    await correctByNominator(
      world,
      token,
      answers(now.nomination, (b) => (b.project.title = 'Renamed')),
    );
  });

  it(`counts the link's corrections: past ${correctionsPerDay} a day it refuses, writing nothing, until the next day`, async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    const token = manageLink(world, n);
    const correct = async (title: string) => {
      const { nomination } = await nominationToManage(world, token);
      return correctByNominator(
        world,
        token,
        answers(nomination, (b) => (b.project.title = title)),
      );
    };
    for (let i = 0; i < correctionsPerDay; i += 1) await correct(`Title ${i}`);
    expect(await refused(world, n.id, () => correct('One too many'))).toBeInstanceOf(TooManySubmissionsError);
    world.clock.advance(24 * 3_600_000);
    await expect(correct('The next day')).resolves.toBeDefined();
  });

  it("counts each email a correction causes against its recipient's per-address limit, however spelled", async () => {
    const world = inMemoryWorld();
    const victim = `victim${Date.now()}@gmail.com`;
    // Three confirmation links mailed to the victim as "nominator", spelled three ways.
    for (const spelling of [victim, victim.replace('victim', 'vic.tim'), victim.replace('@', '+1@')]) {
      const body = sampleBody();
      body.nominator.email = spelling;
      await submitNomination(world, 'metlib-2024', body, submission());
    }
    // Two corrections mail the victim as candidate: the limit's fourth and fifth.
    for (const spelling of [victim.replace('@', '+2@'), victim.replace('@', '+3@').toUpperCase()]) {
      const n = await nominated(world);
      await correctByNominator(
        world,
        manageLink(world, n),
        answers(n, (b) => (b.candidate.email = spelling)),
      );
      expect(mailTo(world, spelling)).toHaveLength(1);
    }
    const n = await nominated(world);
    const sixth = victim.replace('victim', 'v.i.c.t.i.m');
    const error = await refused(world, n.id, () =>
      correctByNominator(
        world,
        manageLink(world, n),
        answers(n, (b) => (b.candidate.email = sixth)),
      ),
    );
    expect(error).toBeInstanceOf(TooManySubmissionsError);
    expect(mailTo(world, sixth)).toEqual([]);
    const body = sampleBody();
    body.nominator.email = victim.replace('@', '+4@');
    await expect(submitNomination(world, 'metlib-2024', body, submission())).rejects.toThrow(
      TooManySubmissionsError,
    );
  });

  it('answers a correction to a nominated address as to a fresh one; the nominator alone is told', async () => {
    const world = inMemoryWorld();
    const holder = await nominated(world);
    const [fresh, duplicate] = [await nominated(world), await nominated(world)];
    const freshAddress = newAddress();
    const toFresh = await correctByNominator(
      world,
      manageLink(world, fresh),
      answers(fresh, (b) => (b.candidate.email = freshAddress)),
    );
    const toHeld = await correctByNominator(
      world,
      manageLink(world, duplicate),
      answers(duplicate, (b) => (b.candidate.email = holder.candidate.email.toUpperCase())),
    );
    const shape = (view: ReturnType<typeof presentManaged>) => {
      const { id: _, candidate: __, nominator: ___, ...rest } = view;
      return { ...rest, keys: Object.keys(view).sort() };
    };
    const [a, b] = [presentManaged(toFresh), presentManaged(toHeld)];
    expect(shape(b)).toEqual({ ...shape(a), library: b.library, project: b.project });
    expect(b).not.toHaveProperty('duplicateOf');

    expect(mailTo(world, freshAddress).map((e) => e.email.kind)).toEqual(['acknowledgement']);
    // The holder's candidate heard of their own nomination once, and of this one nothing.
    expect(mailTo(world, holder.candidate.email).map((e) => e.nominationId)).toEqual([holder.id]);
    const toNominator = mailTo(world, duplicate.nominator.email).map((e) => e.email);
    expect(toNominator.map((e) => [e.kind, e.to, e.cc])).toEqual([
      ['confirmation', [duplicate.nominator.email], []],
      ['acknowledgement', [duplicate.candidate.email], [duplicate.nominator.email]],
      ['duplicate-notice', [duplicate.nominator.email], []],
    ]);
    expect(toNominator.at(-1)?.text).toContain('already has a nomination');
    expect(await getNomination(world, organizer, duplicate.id)).toMatchObject({
      nomination: { duplicateOf: holder.id },
    });
    // The holder keeps its guard; the address the duplicate left is free again.
    expect(world.nominations.guardOf('metlib-2024', holder.candidate.email)).toBe(holder.id);
    expect(world.nominations.guardOf('metlib-2024', duplicate.candidate.email)).toBeUndefined();
  });

  it('lets a duplicate given a fresh address hold it, no longer a duplicate', async () => {
    const world = inMemoryWorld();
    const holder = await nominated(world);
    const duplicate = await nominated(world, [], (b) => (b.candidate.email = holder.candidate.email));
    expect(duplicate.duplicateOf).toBe(holder.id);
    const address = newAddress();
    const { nomination } = await correctByNominator(
      world,
      manageLink(world, duplicate),
      answers(duplicate, (b) => (b.candidate.email = address)),
    );
    expect(nomination.duplicateOf).toBeUndefined();
    expect(world.nominations.guardOf('metlib-2024', address)).toBe(duplicate.id);
    expect(world.nominations.guardOf('metlib-2024', holder.candidate.email)).toBe(holder.id);
    expect(mailTo(world, address).map((e) => e.email.kind)).toEqual(['acknowledgement']);
  });
});

describe("the nominator's view", () => {
  it('shows where the nomination stands as told, and nothing of the staff side', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world, ['review', 'select']);
    const managed = await nominationToManage(world, manageLink(world, n));
    const staffSide: Nomination = {
      ...managed.nomination,
      status: 'reserve',
      reserveRank: 1,
      duplicateOf: 'nomination-held-first',
      stipend: { award: 'awarded', note: 'Flights paid', at: '2024-02-02T00:00:00Z', by: 'chair@x.org' },
      stipendTold: false,
      classification: { globalSouth: true },
      conflicts: [{ by: 'reviewer-1', at: '2024-02-02T00:00:00Z', note: 'My colleague' }],
    };
    const view = presentManaged({ ...managed, nomination: staffSide });
    expect(Object.keys(view).sort()).toEqual(
      ['id', 'programId', 'standing', 'canCorrect', 'canWithdraw', 'contactEmail', ...bodyOrder()].sort(),
    );
    expect(view.standing).toBe('with-the-advisory-group');
    for (const hidden of [
      'reserve',
      'Flights paid',
      'chair@x.org',
      'nomination-held-first',
      'My colleague',
    ]) {
      expect(JSON.stringify(view)).not.toContain(hidden);
    }
    const told = presentManaged({
      ...managed,
      nomination: { ...staffSide, status: 'notified', decision: 'reserve' },
    });
    expect(told.standing).toBe('reserve');
  });
});
