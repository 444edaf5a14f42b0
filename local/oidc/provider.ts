import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import type { KoaContextWithOIDC, Provider } from 'oidc-provider';
import { consolePaths } from '#functions/environment';
import { createSigningKey, loadOrCreateSigningKey } from '../jwt.ts';
import { type Listening, listen } from '../listen.ts';
import { accountBySub, accountClaims, authenticate } from './accounts.ts';
import { errorPage, loginPage, logoutPage, signedOutPage } from './pages.ts';

export interface OidcProviderOptions {
  /** 0 for any free one. */
  port: number;
  /** The password every seeded account signs in with. */
  password: string;
  /** Keep the signing key here; omit for a new key at each start. */
  keyFile?: string;
}

export interface RunningOidcProvider extends Listening {
  /** `http://localhost:<port>`, the `iss` of its tokens. */
  issuer: string;
  jwksUri: string;
  /**
   * Registers the console served at `consoleUrl` as the one client and begins answering. The
   * issuer must be known before the functions load and the console's address only once the
   * gateway listens, so the provider listens first and opens second; until then it answers 503.
   */
  open(consoleUrl: string): void;
}

export const consoleClientId = 'staff-console';

/** Its one client: the staff console, a public client (PKCE, no secret), as the user pool's `StaffConsole`. */
const consoleClient = (consoleUrl: string) => ({
  client_id: consoleClientId,
  client_name: 'MetLib staff console',
  token_endpoint_auth_method: 'none',
  response_types: ['code'],
  grant_types: ['authorization_code', 'refresh_token'],
  redirect_uris: [`${consoleUrl}${consolePaths.callback}`],
  post_logout_redirect_uris: [`${consoleUrl}${consolePaths.signedOut}`],
});

const hour = 60 * 60;
const day = 24 * hour;

/** oidc-provider's settings, as close to the user pool and its console client as it allows. */
const configuration = (consoleUrl: string, signingKey: JWK, adapter: unknown) => ({
  clients: [consoleClient(consoleUrl)],
  jwks: { keys: [signingKey] },
  adapter,
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  responseTypes: ['code'],
  pkce: { required: () => true },
  // Cognito puts the email and the groups in the ID token, which the console sends to the API.
  claims: {
    openid: ['sub', 'cognito:groups', 'cognito:username'],
    email: ['email', 'email_verified'],
    profile: [],
  },
  conformIdTokenClaims: false,
  findAccount: async (_ctx: unknown, sub: string) => {
    const account = accountBySub(sub);
    return account && { accountId: sub, claims: async () => accountClaims(account) };
  },
  // Cognito issues a refresh token with every code grant, without asking for offline_access.
  issueRefreshToken: async (_ctx: unknown, client: KoaContextWithOIDC['oidc']['client']) =>
    client.grantTypeAllowed('refresh_token'),
  // The console is a first-party client: what it asks for is granted without a consent page, as in Cognito.
  loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
    const { oidc } = ctx;
    if (!oidc.account) return undefined;
    const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
    const { Grant } = oidc.provider;
    const grant =
      (grantId && (await Grant.find(grantId))) ||
      new Grant({ accountId: oidc.account.accountId, clientId: oidc.client.clientId });
    grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
    grant.addOIDCClaims([...oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  clientBasedCORS: (_ctx: unknown, origin: string, client: KoaContextWithOIDC['oidc']['client']) =>
    client.redirectUris.some((uri) => new URL(uri).origin === origin),
  interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
        ctx.type = 'html';
        ctx.body = logoutPage(form);
      },
      postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
        ctx.type = 'html';
        ctx.body = signedOutPage();
      },
    },
  },
  renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
    ctx.type = 'html';
    ctx.body = errorPage('Sign-in failed', `${out.error}: ${out.error_description ?? ''}`);
  },
  ttl: {
    AccessToken: hour,
    AuthorizationCode: 60,
    IdToken: hour,
    RefreshToken: 30 * day,
    Interaction: hour,
    Session: 14 * day,
    Grant: 14 * day,
  },
});

// Loaded on first use. Importing it warns of an "unsupported runtime" on any Node that is not an
// LTS release from 22 on, such as the 24.9 the scripts run on: true of production, noise here.
let oidcModules:
  | Promise<{
      OidcProvider: typeof Provider;
      createMemoryAdapter: typeof import('oidc-provider/lib/adapters/memory_adapter.js').createMemoryAdapter;
    }>
  | undefined;
const loadOidcProvider = () => {
  oidcModules ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes('oidc-provider WARNING: Unsupported runtime')) warn(...args);
    };
    try {
      const [{ default: OidcProvider }, { createMemoryAdapter }] = await Promise.all([
        import('oidc-provider'),
        // Its own in-memory store, passed as an adapter factory: the default store warns that it is
        // not for deployments; here sessions and refresh tokens are meant to end with the process.
        import('oidc-provider/lib/adapters/memory_adapter.js'),
      ]);
      return { OidcProvider, createMemoryAdapter };
    } finally {
      console.warn = warn;
    }
  })();
  return oidcModules;
};

const sendHtml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
};

const readForm = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const interactionPath = /^\/interaction\/([\w-]+)(\/login)?$/;

/** The sign-in page of an interaction and its form's answer; false for any other path. */
const signInInteraction =
  (oidc: Provider, password: string) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = interactionPath.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) return false;
    let interaction: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      interaction = await oidc.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, errorPage('Sign-in expired', 'Go back to the staff console and sign in again.'));
      return true;
    }
    const action = `/interaction/${interaction.uid}/login`;
    if (interaction.uid !== match[1] || interaction.prompt.name !== 'login') {
      sendHtml(res, 400, errorPage('Sign-in failed', 'Go back to the staff console and sign in again.'));
    } else if (req.method === 'GET' && !match[2]) {
      const hint = interaction.params.login_hint;
      sendHtml(res, 200, loginPage(action, typeof hint === 'string' ? { email: hint } : {}));
    } else if (req.method === 'POST' && match[2]) {
      const form = await readForm(req);
      const email = form.get('email') ?? '';
      const account = authenticate(email, form.get('password') ?? '', password);
      if (!account) sendHtml(res, 400, loginPage(action, { email, failed: true }));
      else
        await oidc.interactionFinished(
          req,
          res,
          { login: { accountId: account.sub } },
          { mergeWithLastSubmission: false },
        );
    } else {
      res.writeHead(405, { allow: match[2] ? 'POST' : 'GET' }).end();
    }
    return true;
  };

/**
 * A certified OpenID provider (oidc-provider) standing in for the Cognito user pool: the code flow
 * with PKCE for the console, the seeded staff accounts (./accounts.ts), ID tokens shaped as
 * Cognito's, refresh tokens, and sign-out through its end_session endpoint.
 */
export const startOidcProvider = async (options: OidcProviderOptions): Promise<RunningOidcProvider> => {
  const { OidcProvider, createMemoryAdapter } = await loadOidcProvider();
  const signingKey = options.keyFile
    ? await loadOrCreateSigningKey(options.keyFile, 'RS256')
    : await createSigningKey('RS256');
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handle) {
      res.writeHead(503, { 'retry-after': '1' }).end();
      return;
    }
    handle(req, res).catch(() => {
      if (!res.headersSent) sendHtml(res, 500, errorPage('Something went wrong', 'Try again.'));
      else res.end();
    });
  });
  const listening = await listen(server, { port: options.port, what: 'the OpenID provider' });
  const issuer = `http://localhost:${listening.port}`;
  return {
    ...listening,
    issuer,
    jwksUri: `${issuer}/jwks`,
    open: (consoleUrl) => {
      const oidc = new OidcProvider(issuer, configuration(consoleUrl, signingKey, createMemoryAdapter()));
      const interaction = signInInteraction(oidc, options.password);
      const callback = oidc.callback();
      handle = async (req, res) => {
        if (!(await interaction(req, res))) callback(req, res);
      };
    },
  };
};
