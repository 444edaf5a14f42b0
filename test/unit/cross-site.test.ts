import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { CrossSiteRequestError } from '#shared/domain/errors';
import { crossSiteRefusal, refuseCrossSiteRequests } from '#shared/http/cross-site';

const post = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({
    headers: { host: 'nominations.metlib.example.org', ...headers },
    requestContext: { http: { method: 'POST' }, domainName: 'nominations.metlib.example.org', ...extra },
  }) as unknown as APIGatewayProxyEventV2;

const guard = refuseCrossSiteRequests();
const guarded = (event: APIGatewayProxyEventV2) =>
  // biome-ignore lint/suspicious/noExplicitAny: middy's request, as far as the guard reads it
  (guard.before as (request: any) => void)({ event });

describe('a cross-site request', () => {
  it('is judged by Sec-Fetch-Site when the browser sends it, whatever Origin says', () => {
    expect(crossSiteRefusal(post({ 'sec-fetch-site': 'same-origin', origin: 'null' }))).toBeUndefined();
    expect(crossSiteRefusal(post({ 'sec-fetch-site': 'none' }))).toBeUndefined();
    for (const site of ['cross-site', 'same-site'])
      expect(crossSiteRefusal(post({ 'sec-fetch-site': site }))).toContain('another site');
  });

  it('is judged by Origin otherwise: ours goes on, another or null does not', () => {
    expect(crossSiteRefusal(post({ origin: 'https://nominations.metlib.example.org' }))).toBeUndefined();
    for (const origin of ['https://elsewhere.example', 'http://nominations.metlib.example.org', 'null'])
      expect(crossSiteRefusal(post({ origin }))).toContain('another site');
  });

  it('lets a client that sends neither header go on (curl, API clients)', () => {
    expect(crossSiteRefusal(post({}))).toBeUndefined();
  });

  it('is refused on public routes only, and for methods that change something', () => {
    const hostile = { 'sec-fetch-site': 'cross-site' };
    expect(() => guarded(post(hostile))).toThrow(CrossSiteRequestError);
    // A staff route: the authorizer ran, and a bearer token is no cookie another site could ride.
    expect(() => guarded(post(hostile, { authorizer: { jwt: { claims: {} } } }))).not.toThrow();
    const get = post(hostile, { http: { method: 'GET' } });
    expect(() => guarded(get)).not.toThrow();
  });
});
