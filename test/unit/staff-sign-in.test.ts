import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { isConsoleUrl } from '../../infra/stage-config.ts';
import {
  createSigningKey,
  localIssuer,
  localTokenIssuer,
  signToken,
  tokenVerifier,
} from '../../local/jwt.ts';
import { accountClaims, authenticate, staffAccounts } from '../../local/oidc/accounts.ts';
import { loginPage, logoutPage } from '../../local/oidc/pages.ts';

describe('the seeded staff accounts', () => {
  it('are one organizer and three reviewers, each with a fixed sub', () => {
    expect(staffAccounts.map((a) => [a.email, a.groups])).toEqual([
      ['organizer@metlib.example.org', ['organizers']],
      ['reviewer1@metlib.example.org', ['reviewers']],
      ['reviewer2@metlib.example.org', ['reviewers']],
      ['reviewer3@metlib.example.org', ['reviewers']],
    ]);
    expect(new Set(staffAccounts.map((a) => a.sub)).size).toBe(4);
  });

  it('sign in with the shared password, the email in any case, and nothing else', () => {
    expect(authenticate(' Reviewer2@MetLib.example.org ', 'pw', 'pw')?.email).toBe(
      'reviewer2@metlib.example.org',
    );
    expect(authenticate('reviewer2@metlib.example.org', 'pw2', 'pw')).toBeUndefined();
    expect(authenticate('reviewer2@metlib.example.org', '', 'pw')).toBeUndefined();
    expect(authenticate('someone@metlib.example.org', 'pw', 'pw')).toBeUndefined();
  });

  it('carry the claims of a Cognito ID token', () => {
    const [organizer] = staffAccounts;
    expect(organizer && accountClaims(organizer)).toEqual({
      sub: organizer?.sub,
      email: 'organizer@metlib.example.org',
      email_verified: true,
      'cognito:groups': ['organizers'],
      'cognito:username': organizer?.sub,
    });
  });
});

describe('the sign-in pages', () => {
  it('escape what the person typed and tie the error to the field', () => {
    const page = loginPage('/interaction/abc/login', { email: '"><script>x</script>', failed: true });
    expect(page).not.toContain('<script>x');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<title>Error: Sign in');
    expect(page).toContain('id="email-error"');
    expect(page.match(/aria-describedby="email-error"/g)).toHaveLength(2);
  });

  it('ask before signing out, with a button that submits the provider’s form', () => {
    const page = logoutPage('<form id="op.logoutForm" method="post" action="/session/end/confirm"></form>');
    expect(page).toContain('<form id="op.logoutForm"');
    expect(page).toContain('<button type="submit" form="op.logoutForm"');
  });
});

describe('the local gateway’s token check', () => {
  it('knows issuers by name and refuses any other, and any other audience', async () => {
    const key = await createSigningKey('ES256');
    const verify = tokenVerifier([await localTokenIssuer(key)]);
    const token = await signToken(key, { groups: ['organizers'], email: 'a@b.org' });
    await expect(verify(token)).resolves.toMatchObject({
      iss: localIssuer,
      'cognito:groups': ['organizers'],
    });

    const { privateKey } = await generateKeyPair('ES256');
    const sign = (iss: string, aud: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('1h');
    await expect(verify(await sign('elsewhere', 'metlib-nominations').sign(privateKey))).rejects.toThrow(
      /does not trust/,
    );
    const ours = await importJWK(key, 'ES256');
    await expect(verify(await sign(localIssuer, 'staff-console').sign(ours))).rejects.toThrow();
    await expect(verify('not.a.token')).rejects.toThrow();
  });
});

describe('the console URL of a stage', () => {
  it.each([
    ['https://nominations.metlib.example.org', true],
    ['https://abc123.execute-api.eu-west-1.amazonaws.com', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:3000', true],
    ['http://nominations.metlib.example.org', false],
    ['https://nominations.metlib.example.org/', false],
    ['https://nominations.metlib.example.org#x', false],
    ['ftp://nominations.metlib.example.org', false],
    ['nominations.metlib.example.org', false],
  ])('%s → %s', (url, ok) => {
    expect(isConsoleUrl(url)).toBe(ok);
  });
});
