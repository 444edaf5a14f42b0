/** What the console needs to sign in, and which optional routes this deployment has. */
export interface ConsoleSettings {
  /** The OpenID issuer (Cognito's user pool, or the local provider). */
  authority: string;
  clientId: string;
  /** Cognito's logout endpoint, where the issuer's discovery names no end-session endpoint. */
  signOutUrl?: string;
  programId: string;
  /** The optional routes present in this deployment, by name. */
  features: Record<string, boolean>;
}

/**
 * The console's `config.json`: its settings as oidc-client-ts takes them, with the addresses of
 * this site (`origin`) the provider sends the browser back to.
 */
export const presentConsoleConfig = (
  settings: ConsoleSettings,
  site: { origin: string; callbackPath: string; signedOutPath: string },
) => {
  const signedOut = `${site.origin}${site.signedOutPath}`;
  return {
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: `${site.origin}${site.callbackPath}`,
    post_logout_redirect_uri: signedOut,
    /** Where to end the session without an end-session endpoint: the URL and its query. */
    ...(settings.signOutUrl
      ? {
          sign_out: {
            url: settings.signOutUrl,
            query: { client_id: settings.clientId, logout_uri: signedOut },
          },
        }
      : {}),
    scope: 'openid email profile',
    programId: settings.programId,
    features: settings.features,
  };
};

export type ConsoleConfig = ReturnType<typeof presentConsoleConfig>;
