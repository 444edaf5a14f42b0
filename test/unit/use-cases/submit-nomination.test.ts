import { describe, expect, it } from 'vitest';
import {
  ExpiredLinkError,
  InvalidLinkError,
  NominationWindowClosedError,
  NotFoundError,
  TooManySubmissionsError,
  ValidationError,
} from '#shared/domain/errors';
import { confirmNomination, nominationToConfirm } from '#shared/use-cases/confirm-nomination';
import { getNomination, listNominations } from '#shared/use-cases/read-nominations';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import {
  footprint,
  inMemoryWorld,
  linkIn,
  organizer,
  sampleBody,
  submission,
} from '../../support/in-memory/world.ts';

const submit = (world: ReturnType<typeof inMemoryWorld>, body = sampleBody(), from = submission()) =>
  submitNomination(world, 'metlib-2024', body, from);

describe('submitNomination', () => {
  it('stores the nomination unconfirmed with one email: the confirmation link, to the nominator alone', async () => {
    const world = inMemoryWorld();
    const body = sampleBody();
    body.candidate.name = 'Buy cheap <b>watches</b> at spam.example';
    const nomination = await submit(world, body);
    expect(nomination).toMatchObject({
      programId: 'metlib-2024',
      status: 'unconfirmed',
      version: 1,
      submittedAt: '2024-02-01T14:00:00.000Z',
      confirmBy: '2024-02-03T14:00:00.000Z',
    });
    const detail = await world.nominations.getDetail(nomination.id);
    expect(detail?.history).toEqual([
      {
        at: '2024-02-01T14:00:00.000Z',
        actor: 'nominator',
        action: 'submit',
        from: null,
        to: 'unconfirmed',
        version: 1,
      },
    ]);
    expect(detail?.emails).toEqual([
      expect.objectContaining({
        key: 'confirmation',
        kind: 'confirmation',
        to: [body.nominator.email],
        cc: [],
        subject: 'Please confirm your nomination for the MetLib Learning Circle 2024',
      }),
    ]);
    const [email] = world.outbox.all();
    // Nothing the submitter typed but the nominator's own name.
    for (const part of [email?.email.subject, email?.email.html, email?.email.text]) {
      expect(part).not.toContain('watches');
      expect(part).not.toContain(body.candidate.email);
      expect(part).not.toContain(body.library.name);
    }
    expect(email?.email.text).toContain(`Dear ${body.nominator.name},`);
    expect(email?.email.text).toMatch(/https:\/\/nominations\.example\.org\/nominations\/confirm\/[\w.-]+/);
    expect(email?.email.text).toMatch(/https:\/\/nominations\.example\.org\/nominations\/manage\/[\w.-]+/);
  });

  it('lists, shows and counts it only once confirmed, and then acknowledges it to the candidate', async () => {
    const world = inMemoryWorld();
    const body = sampleBody();
    const { id } = await submit(world, body);
    expect((await listNominations(world, organizer, 'metlib-2024', { limit: 50 })).items).toEqual([]);
    await expect(getNomination(world, organizer, id)).rejects.toThrow(NotFoundError);
    await expect(transitionNomination(world, id, organizer, { action: 'review' })).rejects.toThrow(
      NotFoundError,
    );

    const { outcome, nomination } = await confirmNomination(world, linkIn(world, id, 'confirm'));
    expect(outcome).toBe('confirmed');
    expect(nomination).toMatchObject({ status: 'submitted', version: 2 });
    expect(nomination).not.toHaveProperty('confirmBy');
    expect(
      (await listNominations(world, organizer, 'metlib-2024', { limit: 50 })).items.map((n) => n.id),
    ).toEqual([id]);
    const acknowledgement = world.outbox.all().find((e) => e.email.kind === 'acknowledgement');
    expect(acknowledgement?.email).toMatchObject({ to: [body.candidate.email], cc: [body.nominator.email] });
    expect(world.nominations.guardOf('metlib-2024', body.candidate.email)).toBe(id);
  });

  it('confirms once: a second click, even at the same time, writes and sends nothing more', async () => {
    const world = inMemoryWorld();
    const { id } = await submit(world);
    const token = linkIn(world, id, 'confirm');
    const outcomes = await Promise.all([confirmNomination(world, token), confirmNomination(world, token)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already-confirmed', 'confirmed']);
    expect((await confirmNomination(world, token)).outcome).toBe('already-confirmed');
    expect(
      world.outbox
        .all()
        .map((e) => e.email.kind)
        .sort(),
    ).toEqual(['acknowledgement', 'confirmation']);
  });

  it('answers a duplicate as a new one, then tells its nominator alone and links it for organizers', async () => {
    const world = inMemoryWorld();
    const first = sampleBody();
    const { id: firstId } = await submit(world, first);
    await confirmNomination(world, linkIn(world, firstId, 'confirm'));
    const again = sampleBody();
    again.candidate.email = `  ${first.candidate.email.toUpperCase()}`;
    const answer = await submit(world, again);
    expect(answer.status).toBe('unconfirmed');
    const { outcome, nomination } = await confirmNomination(world, linkIn(world, answer.id, 'confirm'));
    expect(outcome).toBe('confirmed-duplicate');
    expect(nomination).toMatchObject({ status: 'submitted', duplicateOf: firstId });
    const sent = world.outbox.all().filter((e) => e.nominationId === answer.id);
    expect(sent.map((e) => [e.email.kind, e.email.to, e.email.cc])).toEqual([
      ['confirmation', [again.nominator.email], []],
      ['duplicate-notice', [again.nominator.email], []],
    ]);
    expect(sent[1]?.email.text).toContain('This candidate already has a nomination in this program');
  });

  it('frees the candidate when the nomination holding them is withdrawn', async () => {
    const world = inMemoryWorld();
    const first = sampleBody();
    const { id } = await submit(world, first);
    await confirmNomination(world, linkIn(world, id, 'confirm'));
    await transitionNomination(world, id, organizer, { action: 'withdraw' });
    const again = sampleBody();
    again.candidate.email = first.candidate.email;
    const next = await submit(world, again);
    expect((await confirmNomination(world, linkIn(world, next.id, 'confirm'))).outcome).toBe('confirmed');
  });

  it('lets a nomination submitted before the deadline be confirmed after it, within 48 hours only', async () => {
    const world = inMemoryWorld({ now: '2024-02-16T04:00:00Z' });
    const early = await submit(world);
    const late = await submit(world);
    world.clock.advance(47 * 3_600_000);
    expect((await confirmNomination(world, linkIn(world, early.id, 'confirm'))).outcome).toBe('confirmed');
    world.clock.advance(2 * 3_600_000);
    await expect(confirmNomination(world, linkIn(world, late.id, 'confirm'))).rejects.toThrow(
      ExpiredLinkError,
    );
  });

  it('refuses a tampered link, and a manage link used to confirm', async () => {
    const world = inMemoryWorld();
    const { id } = await submit(world);
    const token = linkIn(world, id, 'confirm');
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
    await expect(nominationToConfirm(world, forged)).rejects.toThrow(InvalidLinkError);
    await expect(nominationToConfirm(world, 'not-a-link')).rejects.toThrow(InvalidLinkError);
    await expect(nominationToConfirm(world, linkIn(world, id, 'manage'))).rejects.toThrow(InvalidLinkError);
  });

  it('limits submissions per nominator address a day and per source address an hour, storing nothing past either', async () => {
    const world = inMemoryWorld();
    const nominator = sampleBody().nominator.email;
    const byOne = () => {
      const body = sampleBody();
      body.nominator.email = nominator.toUpperCase();
      return body;
    };
    for (let i = 0; i < 5; i += 1) await submit(world, byOne(), submission(`198.51.100.${i}`));
    const before = footprint(world);
    await expect(submit(world, byOne(), submission('198.51.100.99'))).rejects.toThrow(
      TooManySubmissionsError,
    );
    expect(footprint(world)).toEqual(before);
    world.clock.advance(24 * 3_600_000);
    await expect(submit(world, byOne(), submission('198.51.100.99'))).resolves.toBeDefined();

    for (let i = 0; i < 20; i += 1) await submit(world, sampleBody(), submission('192.0.2.1'));
    await expect(submit(world, sampleBody(), submission('192.0.2.1'))).rejects.toThrow(
      '20 nominations an hour have come from your network',
    );
    await expect(submit(world, sampleBody(), submission('192.0.2.2'))).resolves.toBeDefined();
  });

  it('uses the id it is given', async () => {
    const world = { ...inMemoryWorld(), newId: () => '11111111-2222-4333-8444-555555555555' };
    expect((await submit(world)).id).toBe('11111111-2222-4333-8444-555555555555');
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
    const submitting = submit(world);
    await expect(submitting).rejects.toThrow(NominationWindowClosedError);
    await expect(submitting).rejects.toThrow(message);
    expect(footprint(world)).toEqual({ nominations: 0, audits: 0, guards: 0, emails: 0, places: 0 });
  });

  it.each([
    ['the first second', '2024-01-08T05:00:00Z'],
    ['the last second', '2024-02-16T04:59:59Z'],
  ])('accepts a nomination in %s of the window', async (_, now) => {
    const world = inMemoryWorld({ now });
    await expect(submit(world)).resolves.toMatchObject({ status: 'unconfirmed' });
  });

  it('names every invalid answer and stores nothing', async () => {
    const world = inMemoryWorld();
    const body = sampleBody();
    body.library.cityPopulation = 400_000;
    body.candidate.name = 'Jordi\r\nBcc: victim@example.org';
    body.commitments.englishProficiency = false;
    const error = await submitNomination(world, 'metlib-2024', { ...body, extra: 1 }, submission()).catch(
      (e) => e,
    );
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

  it('answers 404 for an unknown program', async () => {
    const world = inMemoryWorld();
    await expect(submitNomination(world, 'metlib-1999', sampleBody(), submission())).rejects.toThrow(
      new NotFoundError('There is no program "metlib-1999"'),
    );
  });
});
