import { importJWK, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwtLinkSigner } from '../../shared/adapters/jwt-link-signer.ts';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';
import { ExpiredLinkError, InvalidLinkError } from '../../shared/domain/errors.ts';
import { parsePublicLinkKeys } from '../../shared/domain/link-keys.ts';
import type { NominatorLink } from '../../shared/domain/nominator-links.ts';
import { variables } from '../../shared/environment.ts';
import { linkVerifier } from '../../shared/wiring/link-verifier.ts';
import { linkSigner } from '../../shared/wiring/links.ts';
import { ManualClock } from '../support/in-memory/clock-and-sender.ts';

const clock = new ManualClock('2024-02-01T12:00:00Z');
const link = (days: number): NominatorLink => ({
  nominationId: 'n-1',
  purpose: 'manage',
  expiresAt: new Date(clock.now().getTime() + days * 86_400_000),
});
type KeyPair = ReturnType<typeof newLinkKeyPair>;
/** A minting function's signer: this private key, these public keys. */
const minting = (key: KeyPair, published: KeyPair[]) =>
  new JwtLinkSigner(
    { publicKeys: published.map((k) => k.publicKey), signingKey: async () => key.privateJwk },
    clock,
  );
/** A function that only checks links: the public keys alone. */
const checking = (published: KeyPair[]) =>
  new JwtLinkSigner({ publicKeys: published.map((k) => k.publicKey) }, clock);
const headerOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('links signed with ES256', () => {
  it('name their key, and are checked by a function holding the public key alone', async () => {
    const key = newLinkKeyPair();
    const token = await minting(key, [key]).sign(link(30));
    expect(headerOf(token)).toEqual({ alg: 'ES256', kid: key.publicKey.kid });
    await expect(checking([key]).verify(token, 'manage')).resolves.toMatchObject({ nominationId: 'n-1' });
    await expect(checking([key]).verify(token, 'confirm')).rejects.toThrow(InvalidLinkError);
  });

  it('keep working after a rotation while the old public key is listed, until they expire', async () => {
    const old = newLinkKeyPair();
    const sent = await minting(old, [old]).sign(link(10));
    // The rotation: a new signing key, its public half published beside the old one.
    const current = newLinkKeyPair();
    const rotated = minting(current, [current, old]);
    const fresh = await rotated.sign(link(10));
    expect(headerOf(fresh).kid).toBe(current.publicKey.kid);
    for (const verifier of [rotated, checking([current, old])]) {
      await expect(verifier.verify(sent, 'manage')).resolves.toMatchObject({ nominationId: 'n-1' });
      await expect(verifier.verify(fresh, 'manage')).resolves.toMatchObject({ nominationId: 'n-1' });
    }
    // Once the old key is dropped from the list, its links stop; the new key's do not.
    await expect(checking([current]).verify(sent, 'manage')).rejects.toThrow(InvalidLinkError);
    await expect(checking([current]).verify(fresh, 'manage')).resolves.toBeDefined();
    clock.advance(11 * 86_400_000);
    try {
      await expect(checking([current, old]).verify(sent, 'manage')).rejects.toThrow(ExpiredLinkError);
    } finally {
      clock.set('2024-02-01T12:00:00Z');
    }
  });

  it('refuse a link signed by a key not listed, or naming no key', async () => {
    const listed = newLinkKeyPair();
    const stranger = newLinkKeyPair();
    const forged = await minting(stranger, [stranger]).sign(link(30));
    await expect(checking([listed]).verify(forged, 'manage')).rejects.toThrow(InvalidLinkError);
    // A stranger's key under a listed kid: the signature does not hold.
    const impostor = newLinkKeyPair(listed.publicKey.kid);
    const claimed = await minting(impostor, [impostor]).sign(link(30));
    expect(headerOf(claimed).kid).toBe(listed.publicKey.kid);
    await expect(checking([listed]).verify(claimed, 'manage')).rejects.toThrow(InvalidLinkError);
    // The listed key's own signature, without a kid: refused even where it is the one key.
    const unnamed = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('metlib-nominations')
      .setAudience('manage')
      .setSubject('n-1')
      .setExpirationTime('1d')
      .sign(await importJWK(JSON.parse(listed.privateJwk), 'ES256'));
    await expect(checking([listed]).verify(unnamed, 'manage')).rejects.toThrow(InvalidLinkError);
  });

  it('refuse a link signed with HS256, by a shared secret or by the public key taken as one', async () => {
    const key = newLinkKeyPair();
    const hs256 = (secret: Uint8Array) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: key.publicKey.kid })
        .setIssuer('metlib-nominations')
        .setAudience('manage')
        .setSubject('n-1')
        .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
        .setExpirationTime(Math.floor(clock.now().getTime() / 1000) + 86_400)
        .sign(secret);
    const secret = new TextEncoder().encode(
      'a-link-secret-of-sixty-four-characters-as-the-old-one-had-aaaaaa',
    );
    const publicAsSecret = new TextEncoder().encode(JSON.stringify(key.publicKey));
    for (const token of [await hs256(secret), await hs256(publicAsSecret)]) {
      await expect(minting(key, [key]).verify(token, 'manage')).rejects.toThrow(InvalidLinkError);
      await expect(checking([key]).verify(token, 'manage')).rejects.toThrow(InvalidLinkError);
    }
  });

  it('are not signed with a key whose public half is not published yet', async () => {
    const published = newLinkKeyPair();
    const next = newLinkKeyPair();
    await expect(minting(next, [published]).sign(link(1))).rejects.toThrow(/not among the link public keys/);
    // Published under its kid, but another key's coordinates: refused as well.
    const swapped = { ...next, publicKey: { ...published.publicKey, kid: next.publicKey.kid } };
    await expect(minting(next, [swapped]).sign(link(1))).rejects.toThrow(/not among the link public keys/);
    await expect(minting(published, [published]).sign(link(1))).resolves.toBeTypeOf('string');
  });

  it('take public keys only: a private key among them is refused, as are two keys under one kid', () => {
    const key = newLinkKeyPair();
    expect(() => parsePublicLinkKeys(JSON.stringify([key.publicKey]))).not.toThrow();
    expect(() => parsePublicLinkKeys(key.privateJwk)).toThrow(/not right/);
    expect(() => parsePublicLinkKeys(`[${key.privateJwk}]`)).toThrow(/not right/);
    expect(() => parsePublicLinkKeys(JSON.stringify([key.publicKey, key.publicKey]))).toThrow(/unique/);
    expect(() => parsePublicLinkKeys('[]')).toThrow(/at least one/);
  });
});

describe('the wiring of a function', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('that only checks links holds no signing key: it checks links and cannot sign one', async () => {
    const key = newLinkKeyPair();
    // The wiring reads the system clock: a link that expires a month from today.
    const today = { ...link(0), expiresAt: new Date(Date.now() + 30 * 86_400_000) };
    const token = await minting(key, [key]).sign(today);
    vi.stubEnv(variables.LINK_PUBLIC_KEYS, JSON.stringify([key.publicKey]));
    const verifier = linkVerifier();
    await expect(verifier.verify(token, 'manage')).resolves.toMatchObject({ nominationId: 'n-1' });
    await expect(verifier.sign(today)).rejects.toThrow(/only checks links/);
    // Without the secret's name, the minting wiring does not even start.
    expect(() => linkSigner()).toThrow(`Missing environment variable ${variables.LINK_SECRET_ID}`);
  });
});
