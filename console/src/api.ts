/** An answer of the API that is not a success, in its own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** The raw response, for downloads. */
  fetch(path: string): Promise<Response>;
}

const describe = (status: number) =>
  status === 403
    ? 'You do not have permission to do this.'
    : status === 404
      ? 'This was not found.'
      : status >= 500
        ? 'The service is not available right now. Try again in a minute.'
        : `The request failed (${status}).`;

/**
 * The API with the signed-in person's ID token. A 401 means the session is over: the person
 * goes to sign in and comes back to this page.
 */
export const makeApi = (token: () => string, signIn: () => Promise<void>): Api => {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 401) {
      await signIn();
      throw new ApiError(401, 'Unauthorized', 'Your session has ended. Signing you in again…');
    }
    return response;
  };
  const read = async <T>(response: Response): Promise<T> => {
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const message = typeof body.message === 'string' ? body.message : describe(response.status);
      throw new ApiError(response.status, String(body.error ?? response.status), message, body);
    }
    return body as T;
  };
  return {
    get: async (path) => read(await send('GET', path)),
    post: async (path, body) => read(await send('POST', path, body)),
    patch: async (path, body) => read(await send('PATCH', path, body)),
    put: async (path, body) => read(await send('PUT', path, body)),
    fetch: (path) => send('GET', path),
  };
};
