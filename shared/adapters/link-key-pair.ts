import { createHash, generateKeyPairSync } from 'node:crypto';
import type { PublicLinkKey } from '../domain/link-keys.ts';

/**
 * A new ES256 key pair for signing links: the private JWK (for the secret) and its public half
 * (for the list of public keys), both under one `kid`, by default the key's RFC 7638 thumbprint:
 * unique to the key, so two keys never share one, and anyone can check it matches. Synchronous
 * (node:crypto), so a test or a bench can make one where it builds its signer.
 */
export const newLinkKeyPair = (kid?: string): { privateJwk: string; publicKey: PublicLinkKey } => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y, d } = privateKey.export({ format: 'jwk' });
  if (typeof x !== 'string' || typeof y !== 'string' || typeof d !== 'string') {
    throw new Error('node:crypto exported no P-256 key');
  }
  // RFC 7638: the hash of the required members, in lexical order, without white space.
  const thumbprint = createHash('sha256')
    .update(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y }))
    .digest('base64url');
  const publicKey: PublicLinkKey = {
    kty: 'EC',
    crv: 'P-256',
    x,
    y,
    kid: kid ?? thumbprint,
    alg: 'ES256',
    use: 'sig',
  };
  return { privateJwk: JSON.stringify({ ...publicKey, d }), publicKey };
};
