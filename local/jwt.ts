import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/**
 * The local stand-in for the Cognito user pool: one ES256 key kept in the data folder (also with
 * --in-memory, so tokens printed by `npm run token` keep working across restarts).
 */
export const localIssuer = 'metlib-nominations-local';
export const localAudience = 'metlib-nominations';

type Jwk = Awaited<ReturnType<typeof exportJWK>>;

export const loadOrCreateSigningKey = async (file: string): Promise<Jwk> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256' };
  await mkdir(dirname(file), { recursive: true });
  // 'wx' fails if another process created the key meanwhile; then that one is the key.
  try {
    await writeFile(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    return jwk;
  } catch {
    return JSON.parse(await readFile(file, 'utf8')) as Jwk;
  }
};

export interface TokenRequest {
  groups: string[];
  email: string;
  subject?: string;
  /** A jose time span such as "12h", or seconds since the epoch. */
  expiresIn?: string | number;
}

export const signToken = async (jwk: Jwk, request: TokenRequest): Promise<string> =>
  new SignJWT({ email: request.email, 'cognito:groups': request.groups, token_use: 'access' })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setSubject(request.subject ?? request.email)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(await importJWK(jwk, 'ES256'));

export const tokenVerifier = async (jwk: Jwk) => {
  const { d: _private, ...publicJwk } = jwk;
  const key = await importJWK(publicJwk, 'ES256');
  return async (token: string): Promise<JWTPayload> =>
    (await jwtVerify(token, key, { issuer: localIssuer, audience: localAudience, algorithms: ['ES256'] }))
      .payload;
};
