import {
  createLocalJWKSet,
  errors,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  jwtVerify,
  SignJWT,
} from 'jose';
import { ExpiredLinkError, InvalidLinkError } from '../domain/errors.ts';
import type { PublicLinkKey } from '../domain/link-keys.ts';
import type { LinkPurpose, NominatorLink } from '../domain/nominator-links.ts';
import { epochSeconds, fromEpochSeconds } from '../domain/time.ts';
import type { Clock, LinkSigner } from '../ports.ts';

const issuer = 'metlib-nominations';
const alg = 'ES256';

/** The keys a function holds: the public ones always; the private one only where it mints links. */
export interface LinkKeys {
  /** Every key a link may be signed with (docs/link-keys.md): the current one and those rotated out. */
  publicKeys: readonly PublicLinkKey[];
  /** The private JWK (its JSON text) links are signed with now; absent where links are only checked. */
  signingKey?: () => Promise<string>;
}

/**
 * Nominator and participant links as compact JWTs signed with ES256 (jose): the nomination in
 * `sub`, the purpose as the audience (a confirmation link cannot manage), the expiry in `exp`, the
 * signing key's `kid` in the header. Only the functions that mint links hold the private key;
 * the others check links against the public keys, so a function that only checks cannot forge
 * one. A rotation adds a key: links signed with the one before keep working while its public
 * half is listed, until they expire.
 */
export class JwtLinkSigner implements LinkSigner {
  private readonly keySet;
  private imported?: { text: string; key: Promise<{ kid: string; key: CryptoKey | Uint8Array }> };

  constructor(
    private readonly keys: LinkKeys,
    private readonly clock: Clock,
  ) {
    // alg on each key: jose then never tries one of these keys with another algorithm.
    const jwks = createLocalJWKSet({ keys: keys.publicKeys.map((k) => ({ ...k, alg })) });
    // A link must name its key: with one public key listed, jose would otherwise try it on a
    // header without a kid.
    this.keySet = (header: JWTHeaderParameters, token: Parameters<typeof jwks>[1]) => {
      if (!header.kid) throw new errors.JWKSNoMatchingKey();
      return jwks(header, token);
    };
  }

  async sign(link: NominatorLink): Promise<string> {
    const { kid, key } = await this.privateKey();
    return new SignJWT(link.generation === undefined ? {} : { gen: link.generation })
      .setProtectedHeader({ alg, kid })
      .setIssuer(issuer)
      .setAudience(link.purpose)
      .setSubject(link.nominationId)
      .setIssuedAt(epochSeconds(this.clock.now()))
      .setExpirationTime(epochSeconds(link.expiresAt))
      .sign(key);
  }

  async verify(token: string, purpose: LinkPurpose): Promise<NominatorLink> {
    try {
      const { payload } = await jwtVerify(token, this.keySet, {
        algorithms: [alg],
        issuer,
        audience: purpose,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp'],
      });
      return {
        nominationId: String(payload.sub),
        purpose,
        expiresAt: fromEpochSeconds(payload.exp ?? 0),
        ...(typeof payload.gen === 'number' ? { generation: payload.gen } : {}),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new ExpiredLinkError(
          purpose === 'confirm'
            ? 'This confirmation link has expired: a nomination must be confirmed within 48 hours. Please submit it again.'
            : 'This link has expired. Please write to the organizers.',
        );
      }
      throw new InvalidLinkError(
        'This link is not valid. Please use the link exactly as it is in your email.',
      );
    }
  }

  /**
   * The signing key, imported once per value of the secret (a rotation reaches a warm function
   * with the secret's cache). Refused unless its public half is listed under its kid: a link
   * signed with it would otherwise fail everywhere it is opened.
   */
  private async privateKey() {
    if (!this.keys.signingKey) {
      throw new Error('This function only checks links: it holds no signing key (access.signLinks)');
    }
    const text = await this.keys.signingKey();
    if (this.imported?.text !== text) {
      this.imported = { text, key: this.importPrivate(text) };
    }
    return this.imported.key;
  }

  private async importPrivate(text: string) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(text) as JWK;
    } catch {
      throw new Error('The link signing key is not a JWK (JSON): see docs/link-keys.md');
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string' || !jwk.kid) {
      throw new Error('The link signing key must be a private P-256 JWK with a kid: see docs/link-keys.md');
    }
    const published = this.keys.publicKeys.find((k) => k.kid === jwk.kid);
    if (!published || published.x !== jwk.x || published.y !== jwk.y) {
      throw new Error(
        `The public half of the link signing key ${jwk.kid} is not among the link public keys: publish it first (docs/link-keys.md)`,
      );
    }
    return { kid: jwk.kid, key: await importJWK({ ...jwk, alg }, alg) };
  }
}
