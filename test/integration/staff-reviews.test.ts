import { beforeAll, describe, expect, it } from 'vitest';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let first: string;
let second: string;
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  first = await stack.token({ groups: ['reviewers'], email: 'reviewer1@example.org', subject: 'sub-1' });
  second = await stack.token({ groups: ['reviewers'], email: 'reviewer2@example.org', subject: 'sub-2' });
});

const submitted = async () => {
  return (await stack.nominate()).id;
};

const review = (id: string, token: string, extra: Record<string, unknown> = {}) =>
  stack.api('POST', `/nominations/${id}/transitions`, { token, body: { action: 'review', ...extra } });

const listed = async (id: string, token: string, query = '') => {
  const items: { id: string }[] = [];
  let cursor: string | undefined;
  do {
    const search = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) }).toString();
    const page = await stack.api('GET', `/programs/metlib-2024/nominations?${search}${query}`, { token });
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.cursor;
  } while (cursor);
  // biome-ignore lint/suspicious/noExplicitAny: the listing's fields are asserted by value
  return items.find((n) => n.id === id) as any;
};

describe('fair reviews through the API', () => {
  it('keeps a second reviewer blind until they have reviewed, then shows them everything', async () => {
    const id = await submitted();
    expect((await review(id, first, { score: 2, note: 'Budget is thin' })).status).toBe(200);

    const blind = await stack.api('GET', `/nominations/${id}`, { token: second });
    expect(blind.status).toBe(200);
    expect(blind.json.reviews).toEqual({
      count: 1,
      scored: null,
      averageScore: null,
      withheld: true,
      entries: [],
    });
    expect(blind.json.reviewedByMe).toBe(false);
    // The history: submit, confirm, then the first review, withheld.
    expect(blind.json.history[2]).toMatchObject({ action: 'review' });
    expect(blind.json.history[2]).not.toHaveProperty('note');
    expect(blind.json.history[2]).not.toHaveProperty('score');
    expect(blind.text).not.toContain('Budget is thin');
    const blindRow = await listed(id, second);
    expect(blindRow.reviews).toMatchObject({ averageScore: null, withheld: true });
    expect(blindRow.reviewedByMe).toBe(false);

    expect((await review(id, second, { score: 4 })).status).toBe(200);
    const open = await stack.api('GET', `/nominations/${id}`, { token: second });
    expect(open.json.reviewedByMe).toBe(true);
    expect(open.json.reviews).toEqual({
      count: 2,
      scored: 2,
      averageScore: 3,
      entries: [
        { reviewer: 'reviewer1@example.org', score: 2, note: 'Budget is thin', at: expect.any(String) },
        { reviewer: 'reviewer2@example.org', score: 4, at: expect.any(String) },
      ],
    });
    expect(open.json.history[2]).toMatchObject({ action: 'review', note: 'Budget is thin', score: 2 });
    expect((await listed(id, second)).reviews).toEqual({ count: 2, scored: 2, averageScore: 3 });
  });

  it('refuses a review without a score with 400 naming it: nothing changes and the reviewer stays blind', async () => {
    const id = await submitted();
    expect((await review(id, first, { score: 2, note: 'Budget is thin' })).status).toBe(200);
    for (const extra of [{}, { note: 'Looks fine' }]) {
      const refused = await review(id, second, extra);
      expect(refused.status).toBe(400);
      expect(refused.json.issues).toEqual([{ path: 'score', message: expect.any(String) }]);
    }
    const still = await stack.api('GET', `/nominations/${id}`, { token: second });
    expect(still.json).toMatchObject({
      version: 3,
      reviewedByMe: false,
      reviews: { count: 1, withheld: true },
    });
    expect(still.text).not.toContain('Budget is thin');
  });

  it('replaces a reviewer’s review when they review again, and averages over distinct reviewers', async () => {
    const id = await submitted();
    await review(id, first, { score: 1 });
    await review(id, first, { score: 5, note: 'Changed my mind' });
    await review(id, second, { score: 4 });
    const detail = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(detail.json.reviews).toMatchObject({ count: 2, scored: 2, averageScore: 4.5 });
    expect(
      detail.json.reviews.entries.map((r: { reviewer: string; score: number }) => [r.reviewer, r.score]),
    ).toEqual([
      ['reviewer1@example.org', 5],
      ['reviewer2@example.org', 4],
    ]);
    expect(detail.json.history.filter((h: { action: string }) => h.action === 'review')).toHaveLength(3);
  });

  it('lets two reviewers review at the same moment without either being refused', async () => {
    const id = await submitted();
    const [a, b] = await Promise.all([review(id, first, { score: 3 }), review(id, second, { score: 5 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const detail = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(detail.json.reviews).toMatchObject({ count: 2, averageScore: 4 });
  });
});

describe('conflicts of interest and the queue through the API', () => {
  it('takes a declared nomination out of the declarer’s queue and refuses their review', async () => {
    const id = await submitted();
    expect((await listed(id, first, '&queue=mine'))?.id).toBe(id);

    const declared = await stack.api('POST', `/nominations/${id}/conflicts`, {
      token: first,
      body: { note: 'I supervised the candidate' },
    });
    expect(declared.status).toBe(201);
    expect(declared.json).toMatchObject({ id, conflictDeclaredByMe: true, conflictCount: 1, version: 3 });

    const refused = await review(id, first, { score: 5 });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toBe('ConflictOfInterest');
    expect(await listed(id, first, '&queue=mine')).toBeUndefined();
    expect((await listed(id, second, '&queue=mine'))?.id).toBe(id);

    const forOrganizer = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(forOrganizer.json.conflicts).toEqual([
      { by: 'reviewer1@example.org', at: expect.any(String), note: 'I supervised the candidate' },
    ]);
    expect(forOrganizer.json.history.at(-1)).toMatchObject({
      action: 'declare-conflict',
      actor: 'reviewer1@example.org',
    });
    expect((await listed(id, organizer)).conflictCount).toBe(1);
    const forReviewer = await stack.api('GET', `/nominations/${id}`, { token: second });
    expect(forReviewer.json).not.toHaveProperty('conflicts');
  });

  it('leaves a reviewed nomination out of the reviewer’s queue but in another’s', async () => {
    const id = await submitted();
    await review(id, second, { score: 3 });
    expect(await listed(id, second, '&queue=mine')).toBeUndefined();
    expect((await listed(id, first, '&queue=mine'))?.reviewedByMe).toBe(false);
  });

  it('answers 400 for queue with a status, or a queue it does not know', async () => {
    for (const query of ['queue=mine&status=submitted', 'queue=theirs']) {
      const response = await stack.api('GET', `/programs/metlib-2024/nominations?${query}`, { token: first });
      expect(response.status).toBe(400);
      expect(response.json.error).toBe('ValidationError');
    }
  });
});
