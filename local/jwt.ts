import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * The tokens of `npm run token`: one ES256 key kept in the data folder (also with --in-memory,
 * so printed tokens keep working across restarts), an issuer and audience of their own. Only the
 * local gateway trusts them; on AWS only the user pool's tokens pass.
 */
export const localIssuer = 'metlib-local-token';
export const localAudience = 'metlib-nominations';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** A private signing key as a JWK with its `alg`, `use` and a thumbprint `kid`. */
export const createSigningKey = async (alg: SigningAlgorithm): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
};

/** The key in `file`, or a new one written there (readable by its owner only). */
export const loadOrCreateSigningKey = async (file: string, alg: SigningAlgorithm = 'ES256'): Promise<JWK> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const jwk = await createSigningKey(alg);
  await mkdir(dirname(file), { recursive: true });
  // 'wx' fails if another process created the key meanwhile; then that one is the key.
  try {
    await writeFile(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    return jwk;
  } catch {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  }
};

/** The public half of a private JWK. */
export const publicJwk = ({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest }: JWK): JWK => rest;

export interface TokenRequest {
  groups: string[];
  email: string;
  subject?: string;
  /** A jose time span such as "12h", or seconds since the epoch. */
  expiresIn?: string | number;
}

export const signToken = async (jwk: JWK, request: TokenRequest): Promise<string> =>
  new SignJWT({
    email: request.email,
    email_verified: true,
    'cognito:groups': request.groups,
    token_use: 'access',
  })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setSubject(request.subject ?? request.email)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(await importJWK(jwk, 'ES256'));

/** An issuer the gateway trusts: its tokens must name it, be for `audience` and be signed by `keys`. */
export interface TrustedIssuer {
  issuer: string;
  audience: string | string[];
  keys: JWTVerifyGetKey;
  algorithms: SigningAlgorithm[];
}

/** The issuer of `npm run token`'s tokens, with its one key. */
export const localTokenIssuer = async (jwk: JWK): Promise<TrustedIssuer> => {
  const key = await importJWK(publicJwk(jwk), 'ES256');
  return { issuer: localIssuer, audience: localAudience, keys: async () => key, algorithms: ['ES256'] };
};

/**
 * Verifies a bearer token as API Gateway's JWT authorizer does: signature by the issuer's keys,
 * issuer, audience and expiry; anything else, including an issuer it does not know, throws.
 */
export const tokenVerifier =
  (trusted: readonly TrustedIssuer[]) =>
  async (token: string): Promise<JWTPayload> => {
    const issuer = trusted.find((t) => t.issuer === decodeJwt(token).iss);
    if (!issuer) throw new Error('The token is from an issuer the gateway does not trust');
    const { payload } = await jwtVerify(token, issuer.keys, {
      issuer: issuer.issuer,
      audience: issuer.audience,
      algorithms: issuer.algorithms,
    });
    return payload;
  };
