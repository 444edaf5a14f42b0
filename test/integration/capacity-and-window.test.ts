import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
});

const reviewed = async () => {
  const { id } = await stack.nominate();
  await stack.api('POST', `/nominations/${id}/transitions`, {
    token: organizer,
    body: { action: 'review', score: 3 },
  });
  return id;
};
const select = (id: string) =>
  stack.api('POST', `/nominations/${id}/transitions`, { token: organizer, body: { action: 'select' } });

describe('the program capacity', () => {
  it(`refuses to select beyond ${metlib2024.capacity.max} and frees a place on rejection`, async () => {
    const ids = await Promise.all(Array.from({ length: metlib2024.capacity.max + 1 }, reviewed));
    const results = await Promise.all(ids.map(select));
    expect(results.filter((r) => r.status === 200)).toHaveLength(metlib2024.capacity.max);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.json).toMatchObject({ error: 'CapacityReached' });

    const left = ids[results.findIndex((r) => r.status === 409)] as string;
    const taken = ids[results.findIndex((r) => r.status === 200)] as string;
    expect(
      (
        await stack.api('POST', `/nominations/${taken}/transitions`, {
          token: organizer,
          body: { action: 'reject' },
        })
      ).status,
    ).toBe(200);
    expect((await select(left)).status).toBe(200);
  });
});
