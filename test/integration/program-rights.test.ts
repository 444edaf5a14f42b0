import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let id: string;
/** Reviews for another program only: metlib-2024 is none of theirs. */
let outsider: string;
/** Reviews and organizes metlib-2024 only. */
let ownReviewer: string;
let ownOrganizer: string;

beforeAll(async () => {
  stack = await testStack();
  id = (await stack.nominate(nominationBody())).id;
  outsider = await stack.token({
    groups: ['reviewers:other-2025', 'organizers:other-2025'],
    email: 'outsider@example.org',
    subject: 'outsider',
  });
  ownReviewer = await stack.token({
    groups: ['reviewers:metlib-2024'],
    email: 'r@example.org',
    subject: 'r',
  });
  ownOrganizer = await stack.token({
    groups: ['organizers:metlib-2024'],
    email: 'o@example.org',
    subject: 'o',
  });
});

const refusal = {
  error: 'Forbidden',
  message: 'Your staff rights do not extend to the program "metlib-2024"',
};

describe('staff rights limited to another program', () => {
  it('refuse a nomination of metlib-2024: read, review, declare a conflict, select', async () => {
    const read = await stack.api('GET', `/nominations/${id}`, { token: outsider });
    expect(read.status).toBe(403);
    expect(read.json).toEqual(refusal);
    expect(JSON.stringify(read.json)).not.toContain('candidate');
    for (const action of ['review', 'select']) {
      const response = await stack.api('POST', `/nominations/${id}/transitions`, {
        token: outsider,
        body: { action, ...(action === 'review' ? { score: 3 } : {}) },
      });
      expect([action, response.status, response.json]).toEqual([action, 403, refusal]);
    }
    const conflict = await stack.api('POST', `/nominations/${id}/conflicts`, {
      token: outsider,
      body: { note: 'I know them' },
    });
    expect(conflict.status).toBe(403);
    const after = await stack.api('GET', `/nominations/${id}`, { token: ownOrganizer });
    expect(after.json).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('do not list metlib-2024’s nominations, nor its queue, nor its export', async () => {
    for (const path of [
      '/programs/metlib-2024/nominations',
      '/programs/metlib-2024/nominations?queue=mine',
      '/programs/metlib-2024/nominations?status=submitted',
      '/programs/metlib-2024/nominations.csv',
    ]) {
      const response = await stack.api('GET', path, { token: outsider });
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.text).not.toContain(id);
    }
  });
});

describe('staff rights limited to metlib-2024', () => {
  it('let its reviewer list and review its nominations, and nothing an organizer does', async () => {
    const list = await stack.api('GET', '/programs/metlib-2024/nominations', { token: ownReviewer });
    expect(list.status).toBe(200);
    expect(list.json.items.map((n: { id: string }) => n.id)).toContain(id);
    const review = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: ownReviewer,
      body: { action: 'review', score: 4 },
    });
    expect(review.status).toBe(200);
    const select = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: ownReviewer,
      body: { action: 'select' },
    });
    expect(select.status).toBe(403);
    expect(select.json.message).toBe('Only organizers may select nominations; reviewers may review');
  });

  it('let its organizer select and see the reviews', async () => {
    const select = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: ownOrganizer,
      body: { action: 'select' },
    });
    expect(select.status).toBe(200);
    const read = await stack.api('GET', `/nominations/${id}`, { token: ownOrganizer });
    expect(read.json.reviews.entries).toHaveLength(1);
  });
});
