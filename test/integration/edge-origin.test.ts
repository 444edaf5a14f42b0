import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, startPrivateStack, type TestStack } from '../support/test-stack.ts';

/**
 * The local stack standing as CloudFront's origin, as every stage does on AWS unless its edge is
 * turned off: the functions read the origin secret from the Secrets Manager emulator and refuse
 * a request without it. What CloudFront adds is added here by hand: the secret, the viewer's
 * address (`cloudfront-viewer-address`) and the host the viewer asked for (`x-forwarded-host`).
 * The local gateway takes `x-forwarded-for` as the address a request came from: here, the
 * CloudFront edge server's.
 */
const edgeSecret = randomBytes(36).toString('base64url');
let stack: TestStack;
beforeAll(async () => {
  stack = await startPrivateStack({
    edgeSecret,
    intakeLimits: { perNominatorPerDay: 5, perSourcePerHour: 2 },
  });
});
afterAll(() => stack?.stop());

const viaCloudFront = (viewer: string, edgeServer = '130.176.0.1') => ({
  'x-origin-verify': edgeSecret,
  'cloudfront-viewer-address': `${viewer}:51234`,
  'x-forwarded-host': 'nominations.metlib.example.org',
  'x-forwarded-for': edgeServer,
});

describe('the API behind CloudFront', () => {
  it('refuses with 403 what did not come through CloudFront, on every kind of route, storing nothing', async () => {
    const before = await stack.itemCount();
    const organizer = await stack.organizer();
    const answers = [
      await stack.api('GET', '/'),
      await stack.api('GET', '/programs/metlib-2024'),
      await stack.api('POST', '/programs/metlib-2024/nominations', { body: nominationBody() }),
      await stack.api('POST', '/programs/metlib-2024/nominations', {
        body: nominationBody(),
        headers: { 'x-origin-verify': `${edgeSecret.slice(0, -2)}xx` },
      }),
      await stack.api('GET', '/programs/metlib-2024/nominations', { token: organizer }),
      await stack.api('GET', '/staff'),
    ];
    expect(answers.map((a) => [a.status, a.json?.error])).toEqual(answers.map(() => [403, 'NotThroughEdge']));
    expect(await stack.itemCount()).toBe(before);
  });

  it('answers what came through it, and mails links to the address the viewer asked for', async () => {
    const body = nominationBody();
    const submitted = await stack.api('POST', '/programs/metlib-2024/nominations', {
      body,
      headers: viaCloudFront('198.51.100.20'),
    });
    expect(submitted.status).toBe(202);
    const [confirmation] = await stack.inbox(body.nominator.email);
    const link = confirmation?.body.text?.match(/https?:\/\/\S+\/nominations\/confirm\/\S+/)?.[0] ?? '';
    expect(link).toMatch(/^https:\/\/nominations\.metlib\.example\.org\/nominations\/confirm\//);
    const path = new URL(link).pathname;
    expect((await stack.api('POST', path)).status).toBe(403);
    expect((await stack.api('POST', path, { headers: viaCloudFront('198.51.100.20') })).status).toBe(200);
  });

  it('counts submissions per viewer address, whichever CloudFront server forwards them', async () => {
    const post = (viewer: string, edgeServer: string) =>
      stack.api('POST', '/programs/metlib-2024/nominations', {
        body: nominationBody(),
        headers: viaCloudFront(viewer, edgeServer),
      });
    // Two an hour per source address here; one viewer through three edge servers.
    const one = [
      await post('203.0.113.5', '130.176.0.11'),
      await post('203.0.113.5', '130.176.0.12'),
      await post('203.0.113.5', '130.176.0.13'),
    ];
    expect(one.map((a) => a.status)).toEqual([202, 202, 429]);
    expect(one[2]?.json.error).toBe('TooManySubmissions');
    // Another viewer through the edge server the first one last used.
    expect((await post('203.0.113.6', '130.176.0.13')).status).toBe(202);
    expect((await post('2001:db8::6', '130.176.0.13')).status).toBe(202);
  });
});
