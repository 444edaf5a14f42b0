import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

/**
 * Staff who declared a conflict of interest with a nomination, through the local stack: they
 * cannot decide it or change it (409 ConflictOfInterest, nothing written), and no answer shows
 * them its reviews or what staff wrote about it.
 */
let stack: WorkerStack;
let fair: string;
let conflicted: string;
let reviewer: string;
let id: string;

/** What only a fair reader may see: the review, the decision's note and the stipend's. */
const secrets = /Best of the lot|Strong region fit|Budget confirmed|My former deputy/;

beforeAll(async () => {
  stack = await testStack();
  fair = await stack.organizer();
  conflicted = await stack.token({ groups: ['organizers'], email: 'org2@example.org', subject: 'org-2' });
  reviewer = await stack.token({ groups: ['reviewers'], email: 'rev@example.org', subject: 'rev-1' });
  const body = nominationBody();
  body.library = { ...body.library, country: 'KE', city: 'Nairobi' };
  id = (await stack.nominate(body)).id;
  const steps = [
    { token: reviewer, body: { action: 'review', score: 5, note: 'Best of the lot' } },
    { token: fair, body: { action: 'select', note: 'Strong region fit' } },
  ];
  for (const step of steps) {
    const answer = await stack.api('POST', `/nominations/${id}/transitions`, step);
    expect(answer.status).toBe(200);
  }
  const stipend = await stack.api('PUT', `/nominations/${id}/stipend`, {
    token: fair,
    body: { award: 'awarded', note: 'Budget confirmed' },
  });
  expect(stipend.status).toBe(200);
  const declared = await stack.api('POST', `/nominations/${id}/conflicts`, {
    token: conflicted,
    body: { note: 'My former deputy' },
  });
  expect(declared.status).toBe(201);
});

describe('an organizer who declared a conflict of interest', () => {
  it('cannot decide or change the nomination: 409 ConflictOfInterest each time, nothing written', async () => {
    const before = (await stack.api('GET', `/nominations/${id}`, { token: fair })).json;
    const attempts = [
      ['POST', `/nominations/${id}/transitions`, { action: 'reject' }],
      ['POST', `/nominations/${id}/transitions`, { action: 'withdraw' }],
      ['PUT', `/nominations/${id}/stipend`, { award: 'not-awarded' }],
      ['PUT', `/nominations/${id}/classification`, { globalSouth: false }],
      [
        'PATCH',
        `/nominations/${id}`,
        { candidate: { name: 'Someone Else' }, expectedVersion: before.version },
      ],
    ] as const;
    for (const [method, path, body] of attempts) {
      const answer = await stack.api(method, path, { token: conflicted, body });
      expect([path, body, answer.status, answer.json.error]).toEqual([path, body, 409, 'ConflictOfInterest']);
    }
    const bulk = await stack.api('POST', '/programs/metlib-2024/decisions', {
      token: conflicted,
      body: { decisions: [{ id, action: 'reject' }] },
    });
    expect(bulk.json).toMatchObject({
      succeeded: 0,
      results: [{ id, ok: false, error: { status: 409, code: 'ConflictOfInterest' } }],
    });
    const after = (await stack.api('GET', `/nominations/${id}`, { token: fair })).json;
    expect(after).toMatchObject({ version: before.version, status: 'selected', candidate: before.candidate });
    expect(after.stipend.decision).toMatchObject({ award: 'awarded' });
  });

  it('sees no reviews and no notes of it: not in its page, the list, the export or the cohort', async () => {
    const detail = await stack.api('GET', `/nominations/${id}`, { token: conflicted });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      conflictDeclaredByMe: true,
      reviews: { count: 1, averageScore: null, withheld: true, entries: [] },
      stipend: { decision: { award: 'awarded' } },
    });
    expect(detail.text).not.toMatch(secrets);
    const list = await stack.api('GET', '/programs/metlib-2024/nominations?limit=100', { token: conflicted });
    expect(list.text).toContain(id);
    expect(list.text).not.toMatch(secrets);
    const cohort = await stack.api('GET', '/programs/metlib-2024/cohort', { token: conflicted });
    expect(cohort.json.participants.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(cohort.text).not.toMatch(secrets);
    const csv = await stack.api('GET', '/programs/metlib-2024/nominations.csv', { token: conflicted });
    const [row] = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ id, reviews: '1', averageScore: 'withheld' });
    expect(csv.text).not.toMatch(secrets);
    expect(csv.text).not.toContain('score: rev@example.org');

    // The fair organizer sees all of it.
    const open = await stack.api('GET', `/nominations/${id}`, { token: fair });
    for (const secret of ['Best of the lot', 'Strong region fit', 'Budget confirmed', 'My former deputy'])
      expect(open.text).toContain(secret);
    const fairCsv = await stack.api('GET', '/programs/metlib-2024/nominations.csv', { token: fair });
    expect(fairCsv.text).toContain('score: rev@example.org');
  });
});
