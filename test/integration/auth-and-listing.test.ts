import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { localAudience, localIssuer } from '../../local/jwt.ts';
import { epochSeconds } from '../../shared/domain/time.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const ids: string[] = [];
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  for (let i = 0; i < 5; i++) {
    ids.push((await stack.nominate()).id);
  }
  for (const id of ids.slice(0, 2)) {
    await stack.api('POST', `/nominations/${id}/transitions`, {
      token: organizer,
      body: { action: 'review', score: 3 },
    });
  }
});

describe('the JWT authorizer on staff routes', () => {
  const list = (headers: Record<string, string>) =>
    stack.api('GET', '/programs/metlib-2024/nominations', { headers });

  it('answers 401 without a token, as API Gateway does', async () => {
    const response = await list({});
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized' });
  });

  it('answers 401 for a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['organizers'], email: 'mallory@example.org' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await list({ authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('answers 401 for an expired token and for garbage', async () => {
    const expired = await stack.token({
      groups: ['organizers'],
      email: 'late@example.org',
      expiresIn: epochSeconds(Date.now()) - 60,
    });
    expect((await list({ authorization: `Bearer ${expired}` })).status).toBe(401);
    expect((await list({ authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect((await list({ authorization: `Basic ${organizer}` })).status).toBe(401);
  });

  it('answers 403 when a reviewer tries to select', async () => {
    const reviewer = await stack.reviewer();
    const response = await stack.api('POST', `/nominations/${ids[0]}/transitions`, {
      token: reviewer,
      body: { action: 'select' },
    });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      error: 'Forbidden',
      message: 'Only organizers may select nominations; reviewers may review',
    });
  });

  it('answers 403 for a valid token in no staff group', async () => {
    const outsider = await stack.token({ groups: [], email: 'someone@example.org' });
    const response = await list({ authorization: `Bearer ${outsider}` });
    expect(response.status).toBe(403);
  });

  it('leaves public routes open', async () => {
    expect((await stack.api('GET', '/programs/metlib-2024')).status).toBe(200);
    expect((await stack.api('GET', '/programs/metlib-2024/nominate')).status).toBe(200);
    const robots = await stack.api('GET', '/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(robots.text).toContain('Disallow: /staff/');
  });
});

describe('GET /programs/{programId}/nominations', () => {
  it('pages through every nomination with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '2', ...(cursor ? { cursor } : {}) });
      const page = await stack.api('GET', `/programs/metlib-2024/nominations?${query}`, { token: organizer });
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((n: { id: string }) => n.id));
      cursor = page.json.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('filters by status', async () => {
    const page = await stack.api('GET', '/programs/metlib-2024/nominations?status=reviewed', {
      token: organizer,
    });
    expect(page.json.items.map((n: { id: string }) => n.id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(page.json.items[0]).toMatchObject({
      status: 'reviewed',
      allowedActions: ['review', 'select', 'reject', 'reserve', 'withdraw'],
    });
  });

  it.each([
    ['status=approved', 'status'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1000', 'limit'],
    ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['cursor=eyJwIjogIm1ldGxpYi0yMDI0IiwgInMiOiBudWxsLCAiayI6IHt9fQ', 'cursor'],
    [
      'cursor=eyJwIjogIm1ldGxpYi0yMDI0IiwgInMiOiBudWxsLCAiayI6IHsicGsiOiAiTk9NSU5BVElPTiMwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCAic2siOiAiTk9NSU5BVElPTiIsICJnc2kxcGsiOiAiUFJPR1JBTSNvdGhlciIsICJnc2kxc2siOiAic3VibWl0dGVkIzIwMjQjMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIn19',
      'cursor',
    ],
    [
      'cursor=eyJwIjogIm1ldGxpYi0yMDI0IiwgInMiOiBudWxsLCAiayI6IHsicGsiOiAiTk9NSU5BVElPTiMwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCAic2siOiAiTk9NSU5BVElPTiIsICJnc2kxcGsiOiAiUFJPR1JBTSNtZXRsaWItMjAyNCIsICJnc2kxc2siOiAic3VibWl0dGVkIzIwMjQjMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIiwgIngiOiAieSJ9fQ',
      'cursor',
    ],
  ])('answers 400 for %s', async (query, path) => {
    const page = await stack.api('GET', `/programs/metlib-2024/nominations?${query}`, { token: organizer });
    expect(page.status).toBe(400);
    expect(page.json.issues[0].path).toBe(path);
  });

  it('names a fractional limit once', async () => {
    const page = await stack.api('GET', '/programs/metlib-2024/nominations?limit=101.5', {
      token: organizer,
    });
    expect(page.status).toBe(400);
    expect(page.json.issues).toEqual([
      { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
    ]);
  });

  it('answers 404 for an unknown program', async () => {
    const page = await stack.api('GET', '/programs/nope/nominations', { token: organizer });
    expect(page.status).toBe(404);
  });

  it('answers 404, not 500, for an id no nomination could have', async () => {
    const long = 'a'.repeat(3000);
    expect((await stack.api('GET', `/nominations/${long}`, { token: organizer })).status).toBe(404);
    const transition = await stack.api('POST', `/nominations/${long}/transitions`, {
      token: organizer,
      body: { action: 'review', score: 3 },
    });
    expect(transition.status).toBe(404);
  });

  it('answers 400 for a path that is not valid percent-encoding', async () => {
    expect((await stack.api('GET', '/nominations/%E0%A4%A', { token: organizer })).status).toBe(400);
  });
});
