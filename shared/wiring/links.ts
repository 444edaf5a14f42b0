import { JwtLinkSigner } from '../adapters/jwt-link-signer.ts';
import { secretKey } from '../adapters/secret-key.ts';
import { clockFromEnv, intakeLimitsConfig, linkSecretConfig } from '../config.ts';

/** The signer of the nominators' links, with its key from Secrets Manager. */
export const linkSigner = () => {
  const { secretId, endpoint } = linkSecretConfig();
  return new JwtLinkSigner(secretKey(secretId, endpoint), clockFromEnv());
};

export const intakeLimits = intakeLimitsConfig;
