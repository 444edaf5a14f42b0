import { clockFromEnv, linkPublicKeysConfig, linkSecretConfig, siteUrlConfig } from '../config.ts';
import { type ParticipantPages, participantPages } from '../use-cases/participant-links.ts';

/**
 * The participants' private links for the emails a function sends, signed with the links' private key.
 * The signer (jose) and the secret's reader load at the first link: most runs of these functions
 * send no participant email, and their cold starts should not pay for it.
 */
export const participantPagesFromEnv = (): ParticipantPages => {
  const siteUrl = siteUrlConfig();
  const { secretId, endpoint } = linkSecretConfig();
  const publicKeys = linkPublicKeysConfig();
  const clock = clockFromEnv();
  let loaded: Promise<ParticipantPages> | undefined;
  const pages = () => {
    loaded ??= Promise.all([
      import('../adapters/jwt-link-signer.ts'),
      import('../adapters/secret-key.ts'),
    ]).then(([{ JwtLinkSigner }, { secretText }]) =>
      participantPages(
        new JwtLinkSigner({ publicKeys, signingKey: secretText(secretId, endpoint) }, clock),
        siteUrl,
      ),
    );
    return loaded;
  };
  return {
    page: async (program, n) => (await pages()).page(program, n),
    calendar: async (program, n) => (await pages()).calendar(program, n),
  };
};
