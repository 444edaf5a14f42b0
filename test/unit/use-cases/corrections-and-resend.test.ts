import { describe, expect, it } from 'vitest';
import {
  DuplicateNominationError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '#shared/domain/errors';
import { correctNomination } from '#shared/use-cases/correct-nomination';
import { resendEmail } from '#shared/use-cases/resend-email';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  refused,
  reviewer,
} from '../../support/in-memory/world.ts';

describe('correctNomination', () => {
  it('corrects names and emails, audits before and after, and moves the duplicate guard', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    world.clock.advance(60_000);
    const after = await correctNomination(world, n.id, organizer, {
      candidate: { name: 'Jordina Serra', email: '  New.Address@library.example.org ' },
      nominator: { name: n.nominator.name },
      expectedVersion: 2,
      note: 'Typo in the form',
    });
    expect(after).toMatchObject({
      version: 3,
      status: 'submitted',
      candidate: { ...n.candidate, name: 'Jordina Serra', email: 'New.Address@library.example.org' },
      nominator: n.nominator,
    });
    const detail = await world.nominations.getDetail(n.id);
    expect(detail?.history[2]).toEqual({
      at: '2024-02-01T14:01:00.000Z',
      actor: 'organizer@example.org',
      actorId: 'organizer-1',
      action: 'correct',
      from: 'submitted',
      to: 'submitted',
      version: 3,
      note: 'Typo in the form',
      changes: {
        before: { 'candidate.name': n.candidate.name, 'candidate.email': n.candidate.email },
        after: { 'candidate.name': 'Jordina Serra', 'candidate.email': 'New.Address@library.example.org' },
      },
    });
    expect(world.nominations.guardOf('metlib-2024', 'new.address@library.example.org')).toBe(n.id);
    expect(world.nominations.guardOf('metlib-2024', n.candidate.email)).toBeUndefined();
    // The old address is free again, the new one taken: a nomination of it confirms as a duplicate.
    const again = await nominated(world, [], (b) => (b.candidate.email = n.candidate.email));
    expect(again).not.toHaveProperty('duplicateOf');
    expect(world.nominations.guardOf('metlib-2024', n.candidate.email)).toBe(again.id);
    const duplicate = await nominated(
      world,
      [],
      (b) => (b.candidate.email = 'new.address@library.example.org'),
    );
    expect(duplicate).toMatchObject({ status: 'submitted', duplicateOf: n.id });
    expect(world.nominations.guardOf('metlib-2024', 'new.address@library.example.org')).toBe(n.id);
  });

  it('refuses a new candidate address that is already nominated, and changes nothing', async () => {
    const world = inMemoryWorld();
    const taken = await nominated(world);
    const n = await nominated(world);
    const error = await refused(world, n.id, () =>
      correctNomination(world, n.id, organizer, {
        candidate: { email: taken.candidate.email.toUpperCase() },
        expectedVersion: 2,
      }),
    );
    expect(error).toBeInstanceOf(DuplicateNominationError);
    expect(world.nominations.guardOf('metlib-2024', n.candidate.email)).toBe(n.id);
  });

  it('keeps the guard when only the case of the address changes', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    await correctNomination(world, n.id, organizer, {
      candidate: { email: n.candidate.email.toUpperCase() },
      expectedVersion: 2,
    });
    expect(world.nominations.guardOf('metlib-2024', n.candidate.email)).toBe(n.id);
  });

  it('checks the fields with the submission’s rules, the version, and who asks', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world, ['review']);
    const correct = (body: unknown, actor = organizer) => correctNomination(world, n.id, actor, body);
    const invalid = (await refused(world, n.id, () =>
      correct({ candidate: { email: 'not-an-address', name: 'a\nb' }, expectedVersion: 3 }),
    )) as ValidationError;
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.issues.map((i) => i.path).sort()).toEqual(['candidate.email', 'candidate.name']);
    expect(
      await refused(world, n.id, () => correct({ candidate: { role: 'x' }, expectedVersion: 3 })),
    ).toBeInstanceOf(ValidationError);
    expect(await refused(world, n.id, () => correct({ expectedVersion: 3 }))).toEqual(
      expect.objectContaining({ code: 'ValidationError', message: 'The correction changes nothing' }),
    );
    expect(
      await refused(world, n.id, () => correct({ candidate: { name: 'X' }, expectedVersion: 2 })),
    ).toBeInstanceOf(VersionConflictError);
    expect(
      await refused(world, n.id, () => correct({ candidate: { name: 'X' }, expectedVersion: 3 }, reviewer)),
    ).toEqual(new ForbiddenError('Only organizers may correct a nomination'));
  });

  it('lets the next email use the corrected name and address', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world, ['review', 'select']);
    await correctNomination(world, n.id, organizer, {
      candidate: { name: 'Jordina Serra', email: 'jordina@library.example.org' },
      expectedVersion: 4,
    });
    await transitionNomination(world, n.id, organizer, { action: 'notify' });
    const [decision] = queued(world, 'decision-selected');
    expect(decision?.email.to).toEqual(['jordina@library.example.org']);
    expect(decision?.email.text).toContain('Dear Jordina Serra,');
  });
});

describe('resendEmail', () => {
  it('queues a copy under a new key to the current addresses, with an audit entry', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    await correctNomination(world, n.id, organizer, {
      candidate: { email: 'jordina@library.example.org' },
      expectedVersion: 2,
    });
    const copy = await resendEmail(world, n.id, 'acknowledgement', organizer);
    expect(copy).toMatchObject({
      key: 'acknowledgement#resend-1',
      kind: 'acknowledgement',
      to: ['jordina@library.example.org'],
      cc: [n.nominator.email],
    });
    const second = await resendEmail(world, n.id, 'acknowledgement#resend-1', organizer);
    expect(second.key).toBe('acknowledgement#resend-2');

    const original = queued(world, 'acknowledgement')[0];
    const copies = queued(world, 'acknowledgement').slice(1);
    expect(copies.map((e) => [e.email.key, e.status, e.email.subject, e.email.text])).toEqual([
      ['acknowledgement#resend-1', 'pending', original?.email.subject, original?.email.text],
      ['acknowledgement#resend-2', 'pending', original?.email.subject, original?.email.text],
    ]);
    const history = (await world.nominations.getDetail(n.id))?.history ?? [];
    expect(history.at(-1)).toMatchObject({
      action: 'resend-email',
      actor: 'organizer@example.org',
      actorId: 'organizer-1',
      emailKey: 'acknowledgement#resend-1',
      resentAs: 'acknowledgement#resend-2',
      version: 5,
    });
  });

  it('answers 404 for an unknown email or nomination and 403 for reviewers, writing nothing', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    expect(await refused(world, n.id, () => resendEmail(world, n.id, 'decision', organizer))).toEqual(
      new NotFoundError('The nomination has no email "decision"'),
    );
    expect(
      await refused(world, n.id, () => resendEmail(world, n.id, 'acknowledgement', reviewer)),
    ).toBeInstanceOf(ForbiddenError);
    await expect(resendEmail(world, 'nope', 'acknowledgement', organizer)).rejects.toThrow(NotFoundError);
  });
});
