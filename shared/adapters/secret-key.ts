import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceUnavailableError } from '../domain/errors.ts';
import { requestHandler } from './aws-clients.ts';
import { isTransientAwsError } from './aws-errors.ts';

/**
 * The bytes of a Secrets Manager secret (its SecretString), fetched through Powertools and kept
 * for five minutes, so a rotated secret reaches every function within that time while a warm
 * function does not ask for it on every request.
 */
export const secretKey = (secretId: string, endpoint?: string): (() => Promise<Uint8Array>) => {
  const provider = new SecretsProvider({
    awsSdkV3Client: new SecretsManagerClient({
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 3,
      requestHandler,
    }),
  });
  return async () => {
    const value = await provider.get(secretId, { maxAge: 300 }).catch((error: Error) => {
      // Powertools wraps the SDK's error; a throttled or unreachable service is still a retryable 503.
      if (isTransientAwsError(error) || isTransientAwsError(error.cause)) {
        throw new ServiceUnavailableError('The link secret is temporarily unavailable; please try again', {
          cause: error,
        });
      }
      throw error;
    });
    if (typeof value !== 'string' || value.length < 32) {
      throw new Error(`The secret ${secretId} must hold at least 32 characters`);
    }
    return new TextEncoder().encode(value);
  };
};
