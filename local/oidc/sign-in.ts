import { createHash, randomBytes } from 'node:crypto';

/** What the token endpoint answers a code or refresh grant with. */
export interface StaffTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

export interface CodeFlowClient {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

const random = () => randomBytes(32).toString('base64url');

const discover = async (issuer: string) =>
  (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };

const tokenGrant = async (tokenEndpoint: string, body: Record<string, string>): Promise<StaffTokens> => {
  const response = await fetch(tokenEndpoint, { method: 'POST', body: new URLSearchParams(body) });
  const json = (await response.json()) as Record<string, string | number | undefined>;
  if (!response.ok)
    throw new Error(`The token endpoint answered ${response.status}: ${JSON.stringify(json)}`);
  return {
    idToken: String(json.id_token),
    accessToken: String(json.access_token),
    ...(json.refresh_token ? { refreshToken: String(json.refresh_token) } : {}),
    expiresIn: Number(json.expires_in),
  };
};

/**
 * Signs a seeded account in as the console does, without a browser: the authorization code flow
 * with PKCE (S256), the provider's sign-in form posted like a person would, its cookies kept,
 * and the code exchanged at the token endpoint. Throws if the email or password is refused.
 */
export const signInWithCodeFlow = async (
  client: CodeFlowClient,
  credentials: { email: string; password: string },
): Promise<StaffTokens> => {
  const { authorization_endpoint, token_endpoint } = await discover(client.issuer);
  const verifier = random();
  const state = random();
  const cookies = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  /** Follows redirects from `response` until one leaves the provider; returns that URL. */
  const follow = async (from: string, response: Response) => {
    let url = from;
    let current = response;
    for (let hops = 0; hops < 10 && current.status >= 300 && current.status < 400; hops++) {
      url = new URL(current.headers.get('location') ?? '', url).href;
      if (!url.startsWith(client.issuer)) return url;
      current = await request(url);
    }
    if (current.status >= 300 && current.status < 400) throw new Error('Too many redirects signing in');
    return url;
  };

  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: client.redirectUri,
    state,
    nonce: random(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const loginPage = await follow(authorize.href, await request(authorize.href));
  const login = await request(`${loginPage}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(credentials).toString(),
  });
  if (login.status !== 303) throw new Error(`Signing in as ${credentials.email} failed (${login.status})`);
  const back = new URL(await follow(loginPage, login));
  if (!back.href.startsWith(client.redirectUri) || back.searchParams.get('state') !== state) {
    throw new Error(`Signing in did not come back to the console with a code: ${back.href}`);
  }
  return tokenGrant(token_endpoint, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    code: back.searchParams.get('code') ?? '',
    redirect_uri: client.redirectUri,
    code_verifier: verifier,
  });
};

/** New tokens for a refresh token, as the console renews them silently. */
export const refreshTokens = async (client: CodeFlowClient, refreshToken: string): Promise<StaffTokens> =>
  tokenGrant((await discover(client.issuer)).token_endpoint, {
    grant_type: 'refresh_token',
    client_id: client.clientId,
    refresh_token: refreshToken,
  });
