import { readFile } from 'node:fs/promises';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { localAudience, localIssuer } from '../../local/jwt.ts';
import { localStaffPassword } from '../../local/settings.ts';
import { epochSeconds } from '../../shared/domain/time.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

const organizerEmail = 'organizer@metlib.example.org';
const reviewerEmail = 'reviewer1@metlib.example.org';

let stack: WorkerStack;
beforeAll(async () => {
  stack = await testStack();
});

const list = (token: string) => stack.api('GET', '/programs/metlib-2024/nominations', { token });

/** A token as the provider would sign it, with what a test changes in it. */
const providerToken = async (claims: { iss?: string; aud?: string; exp?: number }) => {
  const jwk = JSON.parse(await readFile(stack.oidcKeyFile, 'utf8')) as JWK;
  return new SignJWT({ email: organizerEmail, 'cognito:groups': ['organizers'] })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid ?? '' })
    .setIssuer(claims.iss ?? stack.oidcIssuer)
    .setAudience(claims.aud ?? 'staff-console')
    .setSubject('0b5e2c9a-1f0e-4c7e-9a51-6d3f00000001')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .sign(await importJWK(jwk, 'RS256'));
};

describe('signing in at the local OpenID provider', () => {
  it('gives an ID token shaped as Cognito’s through the code flow with PKCE', async () => {
    const tokens = await stack.signIn(organizerEmail);
    expect(decodeProtectedHeader(tokens.idToken).alg).toBe('RS256');
    expect(decodeJwt(tokens.idToken)).toMatchObject({
      iss: stack.oidcIssuer,
      aud: 'staff-console',
      sub: '0b5e2c9a-1f0e-4c7e-9a51-6d3f00000001',
      email: organizerEmail,
      email_verified: true,
      'cognito:groups': ['organizers'],
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(stack.oidcIssuer).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('refuses a wrong password and an unknown account', async () => {
    await expect(stack.signIn(organizerEmail, 'not-the-password')).rejects.toThrow(/failed \(400\)/);
    await expect(stack.signIn('nobody@metlib.example.org', localStaffPassword)).rejects.toThrow(
      /failed \(400\)/,
    );
  });

  it('renews the tokens with the refresh token, and the new ID token works', async () => {
    const first = await stack.signIn(reviewerEmail);
    const renewed = await stack.refresh(first.refreshToken ?? '');
    expect(decodeJwt(renewed.idToken)).toMatchObject({
      email: reviewerEmail,
      'cognito:groups': ['reviewers'],
    });
    expect((await list(renewed.idToken)).status).toBe(200);
  });

  it('shows a sign-in form that works without script, and says what is wrong on a failed attempt', async () => {
    const authorize = new URL(`${stack.oidcIssuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'staff-console',
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${stack.apiUrl}/staff/callback`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const start = await fetch(authorize, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const pageUrl = new URL(start.headers.get('location') ?? '', stack.oidcIssuer).href;
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const page = await fetch(pageUrl, { headers: { cookie } });
    const form = await page.text();
    expect(page.status).toBe(200);
    expect(form).toContain('<label for="email">Email address</label>');
    expect(form).toContain('<label for="password">Password</label>');
    expect(form).toMatch(/<form method="post" action="\/interaction\/[\w-]+\/login"/);
    expect(form).not.toContain('<script');

    const failed = await fetch(`${pageUrl}/login`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'Organizer@metlib.example.org', password: 'wrong' }),
    });
    const again = await failed.text();
    expect(failed.status).toBe(400);
    expect(again).toContain('There is a problem');
    expect(again).toContain('value="Organizer@metlib.example.org"');
    expect(again).toContain('aria-describedby="email-error"');
  });

  it('signs out through the end_session endpoint, back to the console', async () => {
    const { idToken } = await stack.signIn(organizerEmail);
    const query = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: `${stack.apiUrl}/staff`,
    });
    const page = await fetch(`${stack.oidcIssuer}/session/end?${query}`);
    expect(page.status).toBe(200);
    // Without the provider's session cookie there is no one to ask; the page posts the confirmation.
    const text = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(text)?.[1] ?? '';
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const confirmed = await fetch(`${stack.oidcIssuer}/session/end/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${stack.apiUrl}/staff`);
  });
});

describe('the gateway with the provider’s tokens, as API Gateway with the user pool’s', () => {
  it('admits an organizer’s ID token on a staff route', async () => {
    expect((await list(await stack.idToken(organizerEmail))).status).toBe(200);
  });

  it('lets the groups decide: a reviewer may list but not notify', async () => {
    const reviewer = await stack.idToken(reviewerEmail);
    expect((await list(reviewer)).status).toBe(200);
    const notify = await stack.api('POST', '/programs/metlib-2024/notifications', { token: reviewer });
    expect(notify.status).toBe(403);
    expect(notify.json.error).toBe('Forbidden');
  });

  it('admits a token signed by the provider’s key with its issuer and the console’s audience', async () => {
    expect((await list(await providerToken({}))).status).toBe(200);
  });

  it.each([
    ['another audience', { aud: 'another-client' }],
    ['another issuer', { iss: 'http://localhost:1' }],
    ['the local token audience', { aud: localAudience }],
    ['an expiry in the past', { exp: epochSeconds(Date.now()) - 60 }],
  ])('answers 401 for a provider-signed token with %s', async (_, claims) => {
    const response = await list(await providerToken(claims));
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ message: 'Unauthorized' });
  });

  it('answers 401 for a token naming the provider but signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: organizerEmail, 'cognito:groups': ['organizers'] })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(stack.oidcIssuer)
      .setAudience('staff-console')
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await list(forged)).status).toBe(401);
  });

  it('still admits the tokens of npm run token, and only with their own issuer and audience', async () => {
    expect((await list(await stack.organizer())).status).toBe(200);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['organizers'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(localIssuer)
      .setAudience(localAudience)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await list(forged)).status).toBe(401);
  });
});
