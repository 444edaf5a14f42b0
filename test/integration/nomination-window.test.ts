import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
beforeAll(async () => {
  // One second after the deadline: 23:59:59 New York time on 15 February 2024.
  stack = await testStack({ clockStart: '2024-02-16T05:00:00Z' });
});

describe('after the nomination window closes', () => {
  it('refuses a JSON nomination with 403 and stores nothing', async () => {
    const before = await stack.itemCount();
    const response = await stack.api('POST', '/programs/metlib-2024/nominations', { body: nominationBody() });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      error: 'NominationWindowClosed',
      message:
        'Nominations for the MetLib Learning Circle 2024 closed on Thursday 15 February 2024, 23:59 (New York time, UTC−5)',
    });
    expect(await stack.itemCount()).toBe(before);
  });

  it('shows that nominations are closed instead of the form', async () => {
    const page = await stack.api('GET', '/programs/metlib-2024/nominate');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nominations for the MetLib Learning Circle 2024 are closed');
    expect(page.text).not.toContain('<form');
  });

  it('confirms a nomination submitted before the deadline', async () => {
    const afterDeadline = stack.now();
    const body = nominationBody();
    await stack.advanceTo('2024-02-16T04:00:00Z');
    try {
      expect((await stack.api('POST', '/programs/metlib-2024/nominations', { body })).status).toBe(202);
    } finally {
      stack.setClock(afterDeadline);
    }
    const confirmed = await stack.api('POST', await stack.linkFor(body.nominator.email));
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.status).toBe('submitted');
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);
  });
});
