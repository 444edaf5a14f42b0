import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressHash } from '../../shared/adapters/dynamodb-personal-data.ts';
import { scanTable } from '../support/table-scan.ts';
import { nominationBody, testStack, toParticipant, type WorkerStack } from '../support/test-stack.ts';

// Two sets of the same people: one asks for erasure, the other is left to retention. Each set
// has a nomination whose candidate was corrected to another person, a candidate whose address
// bounces and one who complains (both told "not selected", so the reports and the announcement
// come after their lifetime was set), a nomination never decided and a duplicate of it.
let stack: WorkerStack;
let organizer: string;

type Item = Record<string, unknown>;
const scan = () => scanTable(stack);

/** Which of `secrets` any item holds, anywhere: keys, attributes, nested lists and maps. */
const leftIn = (items: Item[], secrets: string[]) => {
  const text = JSON.stringify(items, (_, v) => (v instanceof Set ? [...v] : v)).toLowerCase();
  return secrets.filter((s) => text.includes(s.toLowerCase()));
};

const word = () => {
  const letters = Array.from({ length: 9 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
  return `${letters[0]?.toUpperCase()}${letters.slice(1)}`;
};
const named = (body: ReturnType<typeof nominationBody>) => {
  body.candidate.name = `Ines ${word()}`;
  body.nominator.name = `Omar ${word()}`;
  return body;
};
/** An address and everything derived from it that names its owner: the hash keys. */
const traces = (address: string) => [address, addressHash(address)];
const people = (body: ReturnType<typeof nominationBody>) => [
  ...traces(body.candidate.email),
  ...traces(body.nominator.email),
  body.candidate.name,
  body.nominator.name,
];

const build = async () => {
  const tag = randomUUID().slice(0, 8);
  const corrected = named(nominationBody());
  const replacement = { name: `Ines ${word()}`, email: `replacement-${tag}@library.example.org` };
  const bouncing = named(nominationBody({ candidateEmail: `bounce+${tag}@simulator.amazonses.com` }));
  const complaining = named(nominationBody({ candidateEmail: `complaint+${tag}@simulator.amazonses.com` }));
  const undecided = named(nominationBody());
  const duplicate = named(nominationBody({ candidateEmail: undecided.candidate.email }));
  duplicate.candidate.name = undecided.candidate.name;

  const { id: correctedId } = await stack.nominate(corrected);
  const correction = await stack.api('PATCH', `/nominations/${correctedId}`, {
    token: organizer,
    body: { candidate: replacement, expectedVersion: 2 },
  });
  expect(correction.status).toBe(200);
  await stack.takeThrough(correctedId, toParticipant, organizer);
  for (const body of [bouncing, complaining]) {
    await stack.decided(body, ['review', 'reject', 'notify']);
  }
  await stack.nominate(undecided);
  await stack.nominate(duplicate);
  return {
    correctedId,
    corrected,
    replacement,
    bouncing,
    complaining,
    undecided,
    duplicate,
    /** The former candidate of the corrected nomination: the address and the name it replaced. */
    former: [...traces(corrected.candidate.email), corrected.candidate.name],
    /** Everyone else of the set, the corrected nomination's present people included. */
    others: [
      ...traces(replacement.email),
      replacement.name,
      ...traces(corrected.nominator.email),
      corrected.nominator.name,
      ...[bouncing, complaining, undecided, duplicate].flatMap(people),
    ],
  };
};

let erased: Awaited<ReturnType<typeof build>>;
let retained: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  erased = await build();
  retained = await build();
  // To every applicant not withdrawn: written after the rejected ones' lifetime was set.
  const announcement = await stack.api('POST', '/programs/metlib-2024/announcements', {
    token: organizer,
    body: { id: randomUUID(), audience: { kind: 'applicants' }, subject: 'Thank you', body: 'Our thanks.' },
  });
  expect(announcement.status).toBe(202);
  await stack.settled();
  await stack.poller.drained();
  // The mail service's reports are there: a bounce and a complaint per set.
  const items = await scan();
  expect(items.filter((i) => i.action === 'email-bounced').length).toBeGreaterThanOrEqual(2);
  expect(items.filter((i) => i.type === 'complaint')).toHaveLength(2);
});

describe('an erasure request', () => {
  it('for an address a correction replaced erases it, and the name replaced with it, where they are quoted', async () => {
    const address = erased.corrected.candidate.email;
    const exported = await stack.api('POST', '/personal-data/export', {
      token: organizer,
      body: { email: address },
    });
    expect(exported.status).toBe(200);
    expect(exported.json.nominations).toEqual([]);
    expect(exported.json.formerly).toEqual([
      expect.objectContaining({ nominationId: erased.correctedId, programId: 'metlib-2024' }),
    ]);
    // What the export shows of it withholds the person the nomination names now.
    expect(leftIn([exported.json], [erased.replacement.email, erased.replacement.name])).toEqual([]);

    const answer = await stack.api('POST', '/personal-data/erase', {
      token: organizer,
      body: { email: address },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ nominations: 0, formerly: 1 });
    const items = await scan();
    expect(leftIn(items, erased.former)).toEqual([]);
    // The nomination stands, with the person it names now.
    const now = await stack.api('GET', `/nominations/${erased.correctedId}`, { token: organizer });
    expect(now.json.candidate).toEqual(expect.objectContaining(erased.replacement));
    expect(leftIn(items, [erased.replacement.email, erased.replacement.name])).toHaveLength(2);
  });

  it('for each other person leaves no name or address of theirs anywhere in the table', async () => {
    for (const email of [
      erased.replacement.email,
      erased.bouncing.candidate.email,
      erased.complaining.candidate.email,
      erased.undecided.candidate.email,
    ]) {
      const answer = await stack.api('POST', '/personal-data/erase', { token: organizer, body: { email } });
      expect(answer.status).toBe(200);
    }
    expect(leftIn(await scan(), [...erased.former, ...erased.others])).toEqual([]);
  });
});

describe('retention', () => {
  it('once every lifetime has run out and the TTL sweep has run, leaves no name or address anywhere', async () => {
    // The program's year, the certificates at its end (which retire the undecided), then past
    // every lifetime: the participants' twelve months after the certificates.
    await stack.advanceTo('2025-04-01T12:00:00Z');
    const items = await scan();
    expect(items.filter((i) => i.type === 'nomination' && i.expiresAt === undefined)).toEqual([]);
    await stack.advanceTo('2026-05-01T00:00:00Z');
    expect(await stack.sweepExpired()).toBeGreaterThan(0);
    const after = await scan();
    expect(leftIn(after, [...retained.former, ...retained.others])).toEqual([]);
    // What stays is anonymous: the outcomes, the undecided among them.
    expect(after.filter((i) => i.type === 'outcome').map((o) => o.outcome)).toEqual(
      expect.arrayContaining(['participant', 'not-selected', 'undecided']),
    );
  });
});
