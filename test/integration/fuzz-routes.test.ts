import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { catalog } from '../../functions/catalog.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';
import { fullVolume, sized } from '../support/volume.ts';

/**
 * Generated requests at every route: whatever the body, headers, query or path, the answer is
 * a success or a 4xx with a JSON body, never a 5xx, and a rejected request stores nothing.
 * Opening a nominator's link (GET) is a browser following it from an email: its 4xx may be a
 * page that says what went wrong.
 */
let stack: WorkerStack;
let organizer: string;
let existingId: string;
const runsPerRoute = sized(12, 120);

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  existingId = (await stack.nominate()).id;
});

const paths = (sampleBody: unknown, prefix: string[] = []): string[][] =>
  sampleBody && typeof sampleBody === 'object' && !Array.isArray(sampleBody)
    ? Object.entries(sampleBody).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
    : [];
const samplePaths = paths(sample);

/** The sample nomination with one field replaced by anything at all. */
const mutatedNomination = fc.tuple(fc.constantFrom(...samplePaths), fc.anything()).map(([path, value]) => {
  const body = nominationBody() as unknown as Record<string, unknown>;
  let target = body;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1) as string] = value;
  return JSON.stringify(body);
});

const bodies = fc.oneof(
  mutatedNomination,
  fc.json(),
  fc.string(),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant('{"action":"review","score":3}'),
  fc.constant(JSON.stringify({ timeline: [], expectedVersion: 0 })),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
);
const segments = fc.oneof(
  fc.constant('metlib-2024'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '..', '00000000-0000-0000-0000-000000000000', 'a'.repeat(3000)),
);
const queries = fc.dictionary(
  fc.constantFrom('status', 'limit', 'cursor', 'x', 'ref'),
  fc.string({ maxLength: 60 }),
  { maxKeys: 3 },
);
const tokens = fc.constantFrom('organizer', 'none', 'garbage');

const routes = catalog.flatMap((entry) => entry.routes ?? []);

describe('every route under generated input', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers 2xx/3xx or a JSON 4xx',
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(
          bodies,
          contentTypes,
          segments,
          queries,
          tokens,
          async (body, contentType, segment, query, token) => {
            const path = route.path
              .replace(/\{programId\}/, segment)
              .replace(/\{id\}/, segment === 'metlib-2024' ? existingId : segment)
              .replace(/\{token\}/, segment);
            const search = new URLSearchParams(query).toString();
            const writes = route.method !== 'GET';
            const before = writes ? await stack.itemCount() : 0;
            const response = await fetch(`${stack.apiUrl}${path}${search ? `?${search}` : ''}`, {
              method: route.method,
              redirect: 'manual',
              headers: {
                ...(contentType ? { 'content-type': contentType } : {}),
                ...(token === 'organizer'
                  ? { authorization: `Bearer ${organizer}` }
                  : token === 'garbage'
                    ? { authorization: 'Bearer x.y.z' }
                    : {}),
              },
              ...(route.method === 'GET' ? {} : { body }),
            });
            const text = await response.text();
            expect(response.status, `${route.method} ${path} ${text.slice(0, 200)}`).toBeLessThan(500);
            const linkPage =
              route.method === 'GET' &&
              route.path.includes('{token}') &&
              /text\/html/.test(response.headers.get('content-type') ?? '');
            if (response.status >= 400 && linkPage) {
              expect(text).toMatch(/<h1>[^<]+<\/h1>/);
            } else if (response.status >= 400) {
              expect(response.headers.get('content-type')).toMatch(/application\/json/);
              const parsed = JSON.parse(text);
              expect(typeof parsed.message).toBe('string');
              // A rejected request leaves no item behind.
              if (writes)
                expect(await stack.itemCount(), `${route.method} ${path} stored something`).toBe(before);
            }
          },
        ),
        { numRuns: runsPerRoute },
      );
    },
  );

  it('covers every route with generated requests: 700 or more in the suite, 7,000 or more at full volume', () => {
    expect(routes.length * runsPerRoute).toBeGreaterThanOrEqual(fullVolume ? 7000 : 700);
  });
});
