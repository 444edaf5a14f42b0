import { JwtLinkSigner } from '../adapters/jwt-link-signer.ts';
import { secretText } from '../adapters/secret-key.ts';
import { clockFromEnv, intakeLimitsConfig, linkPublicKeysConfig, linkSecretConfig } from '../config.ts';

/** The signer of a function that mints links (access.signLinks): the private key from Secrets Manager. */
export const linkSigner = () => {
  const { secretId, endpoint } = linkSecretConfig();
  return new JwtLinkSigner(
    { publicKeys: linkPublicKeysConfig(), signingKey: secretText(secretId, endpoint) },
    clockFromEnv(),
  );
};

export const intakeLimits = intakeLimitsConfig;
