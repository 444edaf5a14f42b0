import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '../../events/contracts.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { epochSeconds } from '../../shared/domain/time.ts';
import { scanTable } from '../support/table-scan.ts';
import { nominationBody, startPrivateStack, type TestStack, toParticipant } from '../support/test-stack.ts';

// Everything the functions write to stdout (Powertools) and the stack's own lines (stderr),
// read at the end for any address or name used here.
const captured: string[] = [];
const capture = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  return () => {
    stream.write = write;
  };
};
const restore = [capture(process.stdout), capture(process.stderr)];

let stack: TestStack;
let organizer: string;
const people = {
  participant: nominationBody(),
  rejected: nominationBody(),
  withdrawn: nominationBody(),
};
people.participant.candidate.name = 'Zelda Quintero';
people.participant.nominator.name = 'Nadia Oyelaran';
const erased = people.participant.candidate.email;
const ids: Record<string, string> = {};

type Item = Record<string, unknown>;
const scan = () => scanTable(stack);
const itemsOf = (items: Item[], id: string) =>
  items.filter((i) => i.pk === `NOMINATION#${id}` || i.nominationId === id);
/** Every item that can hold a person's data: a nomination's partition, its guard, its address items. */
const personal = (i: Item) =>
  String(i.pk).startsWith('NOMINATION#') || String(i.pk).startsWith('PERSON#') || i.type === 'guard';
const certificates = (): ScheduledEvent => {
  const planned = planSchedules(metlib2024).schedules.find(
    (s) => s.name === 'certificates-2025.certificates',
  );
  if (!planned) throw new Error('no certificates schedule');
  return planned.input;
};
const _act = (id: string, action: string) =>
  stack.api('POST', `/nominations/${id}/transitions`, { token: organizer, body: { action } });

beforeAll(async () => {
  stack = await startPrivateStack({ logLevel: 'DEBUG' });
  organizer = await stack.organizer();
  for (const [who, body] of Object.entries(people)) {
    ids[who] = (await stack.nominate(body)).id;
  }
  const { participant, rejected, withdrawn } = ids as Record<keyof typeof people, string>;
  await stack.takeThrough(participant, toParticipant, organizer);
  await stack.takeThrough(rejected, ['review', 'reject', 'notify'], organizer);
  await stack.takeThrough(withdrawn, ['withdraw'], organizer);
  await stack.inbox(erased);
});
afterAll(async () => {
  for (const r of restore) r();
  await stack?.stop();
});

describe('retention', () => {
  it('gives every item of a rejected or withdrawn nomination the same TTL, six months on', async () => {
    const items = await scan();
    const sixMonths = epochSeconds('2024-08-01T14:00:00Z');
    for (const who of ['rejected', 'withdrawn'] as const) {
      const body = people[who];
      const own = items.filter(
        (i) =>
          itemsOf([i], ids[who] as string).length > 0 ||
          (i.type === 'guard' && String(i.pk).includes(body.candidate.email.toLowerCase())),
      );
      // A withdrawal gave the candidate's guard back (the candidate may be nominated again).
      expect(own.map((i) => i.type)).toEqual(
        expect.arrayContaining([
          'nomination',
          'audit',
          'email',
          'address',
          ...(who === 'rejected' ? ['guard'] : []),
        ]),
      );
      const ttls = new Set(own.map((i) => i.expiresAt));
      expect(ttls.size).toBe(1);
      const [ttl] = [...ttls] as number[];
      expect(Math.abs((ttl as number) - sixMonths)).toBeLessThan(3600);
    }
    // The participant's lifetime is not known before the certificates.
    expect(itemsOf(items, ids.participant as string).every((i) => i.expiresAt === undefined)).toBe(true);
  });

  it('gives a participant’s items theirs at the certificates, and then every item with personal data has one', async () => {
    const { run } = await import('../../functions/issue-certificates.ts');
    await run(certificates());
    await stack.inbox(erased);
    const items = await scan();
    const twelveMonths = epochSeconds('2026-03-31T13:00:00Z');
    const own = itemsOf(items, ids.participant as string);
    expect(own.map((i) => i.expiresAt)).toEqual(own.map(() => twelveMonths));
    expect(items.filter(personal).filter((i) => i.expiresAt === undefined)).toEqual([]);
  });

  it('keeps the record of each sent email but not its body or attachments', async () => {
    const emails = (await scan()).filter((i) => i.type === 'email');
    expect(emails.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'acknowledgement',
        'decision-selected',
        'decision-not-selected',
        'certificate',
      ]),
    );
    for (const email of emails) {
      expect(email).toMatchObject({ status: 'sent', to: expect.any(Array), createdAt: expect.any(String) });
      expect(email.sentAt).toEqual(expect.any(String));
      expect(email).not.toHaveProperty('html');
      expect(email).not.toHaveProperty('text');
      expect(email).not.toHaveProperty('attachments');
    }
  });

  it('leaves an anonymous outcome per decided nomination: country, project type, outcome', async () => {
    const outcomes = (await scan()).filter((i) => i.type === 'outcome');
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['not-selected', 'participant', 'withdrawn']);
    for (const outcome of outcomes) {
      expect(Object.keys(outcome).sort()).toEqual([
        'country',
        'outcome',
        'pk',
        'programId',
        'projectType',
        'sk',
        'type',
      ]);
      expect(JSON.stringify(outcome)).not.toMatch(new RegExp(Object.values(ids).join('|')));
    }
  });
});

describe('export and erasure by address', () => {
  let other: string;

  beforeAll(async () => {
    // The same person also nominated someone, and signs as nominator in capitals.
    const body = nominationBody({ nominatorEmail: erased.toUpperCase() });
    other = (await stack.api('POST', '/programs/metlib-2024/nominations', { body })).json.id;
  });

  it('is for organizers only, with the address in the body', async () => {
    const reviewer = await stack.reviewer();
    const refused = await stack.api('POST', '/personal-data/export', {
      token: reviewer,
      body: { email: erased },
    });
    expect(refused.status).toBe(403);
    const bad = await stack.api('POST', '/personal-data/erase', {
      token: organizer,
      body: { email: 'nobody' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([expect.objectContaining({ path: 'email' })]);
    expect((await stack.api('POST', '/personal-data/export', { body: { email: erased } })).status).toBe(401);
  });

  it('exports everything stored about the address', async () => {
    const answer = await stack.api('POST', '/personal-data/export', {
      token: organizer,
      body: { email: erased },
    });
    expect(answer.status).toBe(200);
    const byId = new Map<
      string,
      { roles: string[]; history: Item[]; emails: Item[]; reviews: Item[]; nomination: Item }
    >(answer.json.nominations.map((n: { nomination: { id: string } }) => [n.nomination.id, n]));
    expect([...byId.keys()].sort()).toEqual([ids.participant, other].sort());
    const own = byId.get(ids.participant as string);
    expect(own?.roles).toEqual(['candidate']);
    expect(own?.nomination).toMatchObject({ candidate: { email: erased, name: 'Zelda Quintero' } });
    expect(own?.history.map((h) => h.action)).toEqual([
      'submit',
      'confirm',
      'review',
      'select',
      'notify',
      'set-retention',
    ]);
    expect(own?.reviews).toHaveLength(1);
    expect(own?.emails.map((e) => e.kind).sort()).toEqual([
      'acknowledgement',
      'certificate',
      'confirmation',
      'decision-selected',
      'decision-selected-nominator',
    ]);
    expect(byId.get(other)?.roles).toEqual(['nominator']);
  });

  it('erases every item that holds the address, gives the place back and audits it without the address', async () => {
    const before = await scan();
    const taken = before.find((i) => i.sk === 'PLACES')?.taken;
    const answer = await stack.api('POST', '/personal-data/erase', {
      token: organizer,
      body: { email: erased },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ nominations: 2, items: expect.any(Number) });

    const after = await scan();
    const text = JSON.stringify(after).toLowerCase();
    expect(text).not.toContain(erased.toLowerCase());
    expect(text).not.toContain('zelda quintero');
    expect(text).not.toContain('nadia oyelaran');
    // Every erased item is gone; one audit entry came.
    expect(before.length - after.length).toBe(answer.json.items - 1);
    expect(after.find((i) => i.sk === 'PLACES')?.taken).toBe(Number(taken) - 1);
    // The other people's data stays, and so does the participant's anonymous outcome.
    expect(itemsOf(after, ids.rejected as string).length).toBeGreaterThan(0);
    expect(after.filter((i) => i.type === 'outcome')).toHaveLength(3);

    const audits = after.filter((i) => i.type === 'privacy-audit');
    expect(audits.map((a) => a.action).sort()).toEqual(['erase-personal-data', 'export-personal-data']);
    expect(audits.find((a) => a.action === 'erase-personal-data')).toMatchObject({
      actor: 'organizer@example.org',
      actorId: 'organizer@example.org',
      nominations: 2,
      items: answer.json.items,
    });

    const again = await stack.api('POST', '/personal-data/export', {
      token: organizer,
      body: { email: erased },
    });
    expect(again.json.nominations).toEqual([]);
  });

  it('wrote no address, name, nomination text or link token of anyone to the logs', async () => {
    const logs = captured.join('');
    // The nominators' private links (confirm and manage) were mailed, and used: never logged.
    const participant = people.participant.nominator.email;
    for (const purpose of ['confirm', 'manage'] as const) {
      const token = (await stack.linkFor(participant, purpose)).split('/').at(-1) as string;
      expect(token.length).toBeGreaterThan(40);
      expect(logs).not.toContain(token);
    }
    // The functions' own lines are here: the mailer logs each email it sends.
    expect(logs).toContain('"message":"outbox email"');
    for (const body of [...Object.values(people)]) {
      for (const secret of [
        body.candidate.email,
        body.nominator.email,
        body.candidate.name,
        body.nominator.name,
      ]) {
        expect(logs.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
  });
});
