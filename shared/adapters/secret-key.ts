import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requestHandler } from './aws-clients.ts';
import { callAws } from './aws-errors.ts';

/**
 * The text of a Secrets Manager secret (its SecretString), fetched through Powertools and kept
 * for five minutes, so a rotated secret reaches every function within that time while a warm
 * function does not ask for it on every request.
 */
export const secretText = (
  secretId: string,
  endpoint?: string,
  /** What the secret is, as an error names it. */
  what = 'The link signing key',
): (() => Promise<string>) => {
  const provider = new SecretsProvider({
    awsSdkV3Client: new SecretsManagerClient({
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 3,
      requestHandler,
    }),
  });
  return async () => {
    // Powertools wraps the SDK's error; callAws finds a throttled or unreachable service in it.
    const value = await callAws(what, () => provider.get(secretId, { maxAge: 300 }));
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`The secret ${secretId} holds no text`);
    }
    return value;
  };
};

/** The bytes of a secret that is a random value of at least 32 characters (the origin secret). */
export const secretKey = (
  secretId: string,
  endpoint?: string,
  what = 'The origin secret',
): (() => Promise<Uint8Array>) => {
  const text = secretText(secretId, endpoint, what);
  return async () => {
    const value = await text();
    if (value.length < 32) throw new Error(`The secret ${secretId} must hold at least 32 characters`);
    return new TextEncoder().encode(value);
  };
};
