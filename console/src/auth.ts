import { type User, UserManager } from 'oidc-client-ts';
import type { ConsoleConfig } from './contract.ts';

/** What GET /staff/config.json answers: the OpenID settings and the routes the API has. */
export type { ConsoleConfig };

export interface SignedIn {
  user: User;
  email: string;
  role: 'Organizer' | 'Reviewer' | 'Staff';
  idToken: string;
}

interface ReturnState {
  returnTo: string;
}

export class ConfigError extends Error {}

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const response = await fetch('/staff/config.json', { cache: 'no-store' });
  const body = (await response.json().catch(() => ({}))) as Partial<ConsoleConfig> & { message?: string };
  if (!response.ok)
    throw new ConfigError(body.message ?? `The console's settings did not load (${response.status})`);
  return body as ConsoleConfig;
};

const groupsOf = (claim: unknown): string[] =>
  Array.isArray(claim) ? claim.map(String) : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];

/** In the group, for every program or for one (`organizers:metlib-2024`); the API checks which. */
const holds = (groups: string[], group: string) =>
  groups.some((g) => g === group || g.startsWith(`${group}:`));

/** The person the ID token names, and the role the console shows for them. */
const signedIn = (user: User): SignedIn => {
  const groups = groupsOf(user.profile['cognito:groups']);
  return {
    user,
    email: String(user.profile.email ?? user.profile.sub),
    role: holds(groups, 'organizers') ? 'Organizer' : holds(groups, 'reviewers') ? 'Reviewer' : 'Staff',
    idToken: user.id_token ?? '',
  };
};

/**
 * Sign-in by the authorization code flow with PKCE (oidc-client-ts), the session in
 * sessionStorage. The page to come back to travels in the sign-in state.
 */
export class Auth {
  readonly manager: UserManager;

  constructor(readonly config: ConsoleConfig) {
    this.manager = new UserManager({
      authority: config.authority,
      client_id: config.client_id,
      redirect_uri: config.redirect_uri,
      post_logout_redirect_uri: config.post_logout_redirect_uri,
      scope: config.scope,
      response_type: 'code',
      automaticSilentRenew: true,
    });
  }

  /** The person signed in with a session still valid, if any. */
  async current(): Promise<SignedIn | undefined> {
    const user = await this.manager.getUser();
    if (!user || user.expired || !user.id_token) return undefined;
    return signedIn(user);
  }

  signIn(returnTo = location.pathname + location.search): Promise<void> {
    return this.manager.signinRedirect({ state: { returnTo } satisfies ReturnState });
  }

  /** Completes the sign-in on /staff/callback; answers the page to go back to. */
  async complete(): Promise<string> {
    const user = await this.manager.signinRedirectCallback();
    const returnTo = (user.state as ReturnState | undefined)?.returnTo ?? '/staff';
    return returnTo.startsWith('/staff') ? returnTo : '/staff';
  }

  /**
   * Ends the session at the provider: at the sign-out URL the settings give, else at the
   * discovery's end-session endpoint; a provider with neither ends it here only.
   */
  async signOut(): Promise<void> {
    const user = await this.manager.getUser();
    const { sign_out: signOut } = this.config;
    if (signOut) {
      await this.manager.removeUser();
      location.assign(`${signOut.url}?${new URLSearchParams(signOut.query)}`);
      return;
    }
    try {
      await this.manager.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
    } catch {
      await this.manager.removeUser();
      location.assign(this.config.post_logout_redirect_uri);
    }
  }
}
