import { JwtLinkSigner } from '../adapters/jwt-link-signer.ts';
import { clockFromEnv, linkPublicKeysConfig } from '../config.ts';

/**
 * The links of a function that only checks them (access.verifyLinks): the public keys, no way to
 * sign. A file apart from the minting wiring, so its bundle carries no Secrets Manager client.
 */
export const linkVerifier = () => new JwtLinkSigner({ publicKeys: linkPublicKeysConfig() }, clockFromEnv());
