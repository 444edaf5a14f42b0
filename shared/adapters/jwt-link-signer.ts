import { errors, jwtVerify, SignJWT } from 'jose';
import { ExpiredLinkError, InvalidLinkError } from '../domain/errors.ts';
import type { LinkPurpose, NominatorLink } from '../domain/nominator-links.ts';
import { epochSeconds, fromEpochSeconds } from '../domain/time.ts';
import type { Clock, LinkSigner } from '../ports.ts';

const issuer = 'metlib-nominations';

/**
 * Nominator and participant links as compact JWTs signed with HMAC-SHA256 (jose): the nomination in `sub`, the
 * purpose as the audience (a confirmation link cannot manage), the expiry in `exp`. The key is
 * the link secret's bytes; whoever lacks it cannot make or alter a link.
 */
export class JwtLinkSigner implements LinkSigner {
  constructor(
    private readonly key: () => Promise<Uint8Array>,
    private readonly clock: Clock,
  ) {}

  async sign(link: NominatorLink): Promise<string> {
    return new SignJWT(link.generation === undefined ? {} : { gen: link.generation })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(link.purpose)
      .setSubject(link.nominationId)
      .setIssuedAt(epochSeconds(this.clock.now()))
      .setExpirationTime(epochSeconds(link.expiresAt))
      .sign(await this.key());
  }

  async verify(token: string, purpose: LinkPurpose): Promise<NominatorLink> {
    const key = await this.key();
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
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
}
