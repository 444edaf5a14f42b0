import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { bodyToForm } from '../../shared/web/form-fields.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

/**
 * A hostile page's forms, through the local gateway: every public route of the catalog that
 * changes something refuses a request another site sent, before its function does anything.
 */
let stack: WorkerStack;

beforeAll(async () => {
  stack = await testStack();
});

/** Every public route that is not a read, with its path parameters filled in. */
const publicChanges = catalog.flatMap((entry) =>
  (entry.routes ?? [])
    .filter((r) => !r.staff && r.method !== 'GET')
    .map((r) => ({
      method: r.method,
      path: r.path.replace('{programId}', 'metlib-2024').replace(/\{\w+\}/g, 'a-token'),
    })),
);

const fromElsewhere: Record<string, string>[] = [
  { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
  { origin: 'http://localhost.elsewhere.example' },
  { origin: 'null' },
  { 'sec-fetch-site': 'same-site' },
];

const formPost = (body = nominationBody()) => ({
  raw: bodyToForm(body).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});

describe('a form sent from another site', () => {
  it('is refused on every public route that changes something: 403, JSON naming why, nothing stored', async () => {
    expect(publicChanges.map((r) => r.path)).toContain('/programs/metlib-2024/nominations');
    expect(publicChanges.length).toBeGreaterThanOrEqual(6);
    const items = await stack.itemCount();
    for (const route of publicChanges) {
      for (const headers of fromElsewhere) {
        const answer = await stack.api(route.method, route.path, { headers, body: nominationBody() });
        expect([route.path, headers, answer.status, answer.json?.error]).toEqual([
          route.path,
          headers,
          403,
          'CrossSiteRequest',
        ]);
        expect(answer.json.message).toContain('another site');
      }
    }
    expect(await stack.itemCount()).toBe(items);
    expect(await stack.inbox(nominationBody().nominator.email)).toEqual([]);
  });

  it('gets a browser a page that says why and what to do', async () => {
    const { raw, headers } = formPost();
    const answer = await stack.api('POST', '/programs/metlib-2024/nominations', {
      raw,
      headers: { ...headers, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain('This form was sent from another site');
    expect(answer.text).toContain('Nothing was sent');
  });
});

describe('a form sent from our own pages, or by a client that is no browser', () => {
  it('goes on from our own origin, as a browser without JavaScript sends it', async () => {
    const body = nominationBody();
    const { raw, headers } = formPost(body);
    const answer = await stack.api('POST', '/programs/metlib-2024/nominations', {
      raw,
      headers: { ...headers, origin: stack.apiUrl, 'sec-fetch-site': 'same-origin' },
    });
    expect(answer.status).toBe(303);
    // Chromium sends Origin: null from a page that hides its address; Sec-Fetch-Site decides.
    const again = await stack.api('POST', '/programs/metlib-2024/nominations', {
      body: nominationBody(),
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(again.status).toBe(202);
  });

  it('goes on with neither header (curl, API clients), and on a staff route whatever the origin', async () => {
    expect(
      (await stack.api('POST', '/programs/metlib-2024/nominations', { body: nominationBody() })).status,
    ).toBe(202);
    const { id } = await stack.nominate();
    const review = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: await stack.organizer(),
      body: { action: 'review', score: 4 },
      headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(review.status).toBe(200);
  });
});
