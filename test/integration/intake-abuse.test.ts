import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, startPrivateStack, type TestStack } from '../support/test-stack.ts';
import { sized } from '../support/volume.ts';

/** As on AWS: 5 a day per nominator address, 20 an hour per source address. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startPrivateStack({ intakeLimits: { perNominatorPerDay: 5, perSourcePerHour: 20 } });
});
afterAll(() => stack?.stop());

/** How many posts the flood sends: a botnet's worth at full volume. */
const posts = sized(100, 500);

describe('the public form used to mail strangers', () => {
  it('mails a victim named as nominator at most the per-address limit, and no candidate at all', async () => {
    const victim = `victim-${randomUUID().slice(0, 8)}@library.example.org`;
    const candidates: string[] = [];
    const statuses = new Map<number, number>();
    // Posts spread over source addresses as a botnet would, so only the per-address limit bites.
    const post = async (i: number) => {
      const body = nominationBody({ nominatorEmail: victim });
      body.candidate.name = `Buy cheap watches ${i} at spam.example`;
      candidates.push(body.candidate.email);
      const response = await stack.api('POST', '/programs/metlib-2024/nominations', {
        body,
        headers: { 'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${i % 250}` },
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    };
    // Ten at a time, as a flood arrives: the limit holds under concurrency, not only in sequence.
    for (let i = 0; i < posts; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => post(i + j)));
    }
    expect(Object.fromEntries(statuses)).toEqual({ 202: 5, 429: posts - 5 });
    const toVictim = await stack.inbox(victim);
    expect(toVictim).toHaveLength(5);
    for (const email of toVictim) {
      expect(email.subject).toBe('Please confirm your nomination for the MetLib Learning Circle 2024');
      expect(`${email.body.text}${email.body.html}`).not.toContain('watches');
    }
    const sent = await stack.sentEmails();
    expect(sent.filter((e) => candidates.some((c) => e.destination.to.includes(c)))).toEqual([]);
    const listed = await stack.api('GET', '/programs/metlib-2024/nominations?limit=100', {
      token: await stack.organizer(),
    });
    expect(
      listed.json.items.filter((n: { nominator: { email: string } }) => n.nominator.email === victim),
    ).toEqual([]);
  });

  it('refuses a 21st submission in an hour from one source address, in words, storing nothing', async () => {
    const post = () =>
      stack.api('POST', '/programs/metlib-2024/nominations', {
        body: nominationBody(),
        headers: { 'x-forwarded-for': '203.0.113.99' },
      });
    for (let i = 0; i < 20; i += 1) expect((await post()).status).toBe(202);
    const before = await stack.itemCount();
    const refusals = [await post(), await post()];
    expect(refusals.map((r) => [r.status, r.json.error])).toEqual([
      [429, 'TooManySubmissions'],
      [429, 'TooManySubmissions'],
    ]);
    expect(refusals[0]?.json.message).toContain('20 nominations an hour have come from your network');
    expect(await stack.itemCount()).toBe(before);
  });
});
