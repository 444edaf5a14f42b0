import { beforeAll, describe, expect, it } from 'vitest';
import { pool } from '#shared/pool';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
/** Two organizers, each signed in on their own. */
let alice: string;
let bruno: string;
const ids: string[] = [];

beforeAll(async () => {
  stack = await testStack();
  alice = await stack.token({ groups: ['organizers'], email: 'alice@metlib.example.org' });
  bruno = await stack.token({ groups: ['organizers'], email: 'bruno@metlib.example.org' });
  const bodies = Array.from({ length: metlib2024.capacity.max + 1 }, () => {
    const body = nominationBody();
    body.library.country = 'KE';
    body.travel.conditionalOnStipend = true;
    return body;
  });
  await pool(bodies, 6, async (body, i) => {
    ids[i] = (await stack.nominate(body)).id;
    await stack.api('POST', `/nominations/${ids[i]}/transitions`, {
      token: alice,
      body: { action: 'review', score: 3 },
    });
  });
});

const award = (token: string, id: string) =>
  stack.api('PUT', `/nominations/${id}/stipend`, { token, body: { award: 'awarded' } });

describe('two organizers at once', () => {
  it('race for the last place: one wins, the other is told the program is full', async () => {
    const all = metlib2024.capacity.max;
    const first = await stack.api('POST', '/programs/metlib-2024/decisions', {
      token: alice,
      body: { decisions: ids.slice(0, all - 1).map((id) => ({ id, action: 'select' })) },
    });
    expect(first.json).toMatchObject({ succeeded: all - 1, failed: 0 });

    const [a, b] = await Promise.all(
      [alice, bruno].map((token, i) =>
        stack.api('POST', `/nominations/${ids[all - 1 + i]}/transitions`, {
          token,
          body: { action: 'select' },
        }),
      ),
    );
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r?.status === 409)?.json).toMatchObject({ error: 'CapacityReached' });
    const cohort = await stack.api('GET', '/programs/metlib-2024/cohort', { token: alice });
    expect(cohort.json.places.taken).toBe(all);
  });

  it('race for the last stipend: one wins, the other is told they are all awarded', async () => {
    const { participants } = (await stack.api('GET', '/programs/metlib-2024/cohort', { token: alice })).json;
    const people = participants.map((p: { id: string }) => p.id) as string[];
    const max = metlib2024.travelStipends.max;
    for (const id of people.slice(0, max - 1)) expect((await award(alice, id)).status).toBe(200);

    const [a, b] = await Promise.all([
      award(alice, people[max - 1] as string),
      award(bruno, people[max] as string),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.json).toMatchObject({ error: 'StipendsExhausted' });
    const cohort = await stack.api('GET', '/programs/metlib-2024/cohort', { token: alice });
    expect(cohort.json.stipends.awarded).toBe(max);
  });
});
