import { describe, expect, it } from 'vitest';
import {
  DuplicateNominationError,
  NominationWindowClosedError,
  NotFoundError,
  ValidationError,
} from '#shared/domain/errors';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { footprint, inMemoryWorld, sampleBody } from '../../support/in-memory/world.ts';

describe('submitNomination', () => {
  it('stores a submitted nomination with its audit entry and the acknowledgement, queued with it', async () => {
    // Prepare
    const world = inMemoryWorld();
    const body = sampleBody();
    // Act
    const nomination = await submitNomination(world, 'metlib-2024', body);
    // Assess
    expect(nomination).toMatchObject({
      programId: 'metlib-2024',
      status: 'submitted',
      version: 1,
      submittedAt: '2024-02-01T14:00:00.000Z',
      reviewCount: 0,
    });
    const detail = await world.nominations.getDetail(nomination.id);
    expect(detail?.history).toEqual([
      {
        at: '2024-02-01T14:00:00.000Z',
        actor: `nominator:${body.nominator.email}`,
        action: 'submit',
        from: null,
        to: 'submitted',
        version: 1,
      },
    ]);
    expect(detail?.emails).toEqual([
      {
        key: 'acknowledgement',
        kind: 'acknowledgement',
        to: [body.candidate.email],
        cc: [body.nominator.email],
        subject: 'Nomination received: Jordi Serra for the MetLib Learning Circle 2024',
        status: 'pending',
        attempts: 0,
        createdAt: '2024-02-01T14:00:00.000Z',
      },
    ]);
    expect(world.outbox.all()[0]?.email.text).toContain(`Your reference: ${nomination.id}`);
  });

  it('uses the id it is given', async () => {
    const world = { ...inMemoryWorld(), newId: () => '11111111-2222-4333-8444-555555555555' };
    expect((await submitNomination(world, 'metlib-2024', sampleBody())).id).toBe(
      '11111111-2222-4333-8444-555555555555',
    );
  });

  it.each([
    [
      'before the window opens',
      '2024-01-08T04:59:59Z',
      'Nominations for the MetLib Learning Circle 2024 open on Monday 8 January 2024, 00:00 (New York time, UTC−5)',
    ],
    [
      'after the window closes',
      '2024-02-16T05:00:00Z',
      'Nominations for the MetLib Learning Circle 2024 closed on Thursday 15 February 2024, 23:59 (New York time, UTC−5)',
    ],
  ])('refuses a nomination %s (403) and stores nothing', async (_, now, message) => {
    const world = inMemoryWorld({ now });
    const submitting = submitNomination(world, 'metlib-2024', sampleBody());
    await expect(submitting).rejects.toThrow(NominationWindowClosedError);
    await expect(submitting).rejects.toThrow(message);
    expect(footprint(world)).toEqual({ nominations: 0, audits: 0, guards: 0, emails: 0, places: 0 });
  });

  it.each([
    ['the first second', '2024-01-08T05:00:00Z'],
    ['the last second', '2024-02-16T04:59:59Z'],
  ])('accepts a nomination in %s of the window', async (_, now) => {
    const world = inMemoryWorld({ now });
    await expect(submitNomination(world, 'metlib-2024', sampleBody())).resolves.toMatchObject({
      status: 'submitted',
    });
  });

  it('names every invalid answer and stores nothing', async () => {
    const world = inMemoryWorld();
    const body = sampleBody();
    body.library.cityPopulation = 400_000;
    body.candidate.name = 'Jordi\r\nBcc: victim@example.org';
    body.commitments.englishProficiency = false;
    const error = await submitNomination(world, 'metlib-2024', { ...body, extra: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('Some answers need correcting');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'library.cityPopulation', message: expect.stringContaining('more than 400,000') },
        { path: 'candidate.name', message: expect.stringContaining('one line') },
        { path: 'commitments.englishProficiency', message: expect.stringContaining('English') },
        { path: 'extra', message: 'Unknown field "extra"' },
      ]),
    );
    expect(footprint(world).nominations).toBe(0);
  });

  it('refuses a candidate already nominated, whatever the case of the address, and stores nothing more', async () => {
    const world = inMemoryWorld();
    const first = sampleBody();
    await submitNomination(world, 'metlib-2024', first);
    const before = footprint(world);
    const again = sampleBody();
    again.candidate.email = `  ${first.candidate.email.toUpperCase()}`;
    const submitting = submitNomination(world, 'metlib-2024', again);
    await expect(submitting).rejects.toThrow(DuplicateNominationError);
    await expect(submitting).rejects.toThrow(
      `${first.candidate.email.toUpperCase()} has already been nominated for this program`,
    );
    expect(footprint(world)).toEqual(before);
  });

  it('stores one nomination when the same candidate is submitted twice at once', async () => {
    const world = inMemoryWorld();
    const body = sampleBody();
    const results = await Promise.allSettled([
      submitNomination(world, 'metlib-2024', body),
      submitNomination(world, 'metlib-2024', body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(world.outbox.all()).toHaveLength(1);
  });

  it('answers 404 for an unknown program', async () => {
    const world = inMemoryWorld();
    await expect(submitNomination(world, 'metlib-1999', sampleBody())).rejects.toThrow(
      new NotFoundError('There is no program "metlib-1999"'),
    );
  });
});
