import { useEffect, useState } from 'preact/hooks';
import type { ErrorBody, Issue, Program } from './contract.ts';
import { messageOf, type Problem } from './ui.tsx';

/** An answer of the API that is not a success, in its own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly body: Partial<ErrorBody> = {},
  ) {
    super(message);
  }
}

/** The session ended (401): the person is already on their way to sign in, back to this page. */
export const sessionEnded = (error: unknown) => error instanceof ApiError && error.status === 401;

/** Someone else changed it while it was on the page (409 `VersionConflict`): what the page shows is stale. */
export const isVersionConflict = (error: unknown) =>
  error instanceof ApiError && error.error === 'VersionConflict';

/**
 * A 409 in words: a version conflict says that someone else changed it meanwhile (`meanwhile`),
 * then the API's sentence; any other conflict is the API's sentence. Undefined for anything else.
 */
export const conflictWords = (error: unknown, meanwhile: string) =>
  error instanceof ApiError && error.status === 409
    ? isVersionConflict(error)
      ? `${meanwhile} ${error.message}.`
      : error.message
    : undefined;

/** A 400's issues, each a dotted path and a sentence; none for any other error. */
export const issuesOf = (error: unknown): Issue[] =>
  error instanceof ApiError ? (error.body.issues ?? []) : [];

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
    const body = (await response.json().catch(() => ({}))) as Partial<ErrorBody>;
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

/** What a page shows, as `useRead` reads it. */
export interface Reading<T> {
  /** The answer shown: none until the first read answers. */
  data: T | undefined;
  /** Why the last read failed, in the API's words (or the browser's); none while it is fine. */
  failure: Problem[];
  /** Reads again and shows the answer; a failure is shown as the first read's is. */
  refresh: () => Promise<void>;
  /** Reads again, shows the answer and answers it; a failure is the caller's to say. */
  reload: () => Promise<T>;
  /** Shows an answer the page already has: what a change answered with. */
  show: (answer: T) => void;
  /**
   * What the error summary shows: why the page could not be read, else the page's own problems.
   * Either list as it is, not a new one each render: the summary takes the focus when it changes.
   */
  problems: (own: Problem[]) => Problem[];
}

/**
 * The one way a page loads what it shows: read when the page opens and again when `key` changes,
 * the failure in words for the error summary. A session that ended (401) is no failure to show:
 * the API client is taking the person to sign in and back to this page, which says "Loading…"
 * until they go.
 *
 * `read` is given the answer shown so far, to keep what need not be read again; `shown` takes
 * each answer before it is shown, in the same render (a form's draft made from it, say).
 */
export const useRead = <T>(
  read: (shown: T | undefined) => Promise<T>,
  key: readonly unknown[],
  options: { initial?: T; shown?: (answer: T) => void } = {},
): Reading<T> => {
  const [data, setData] = useState<T | undefined>(options.initial);
  const [failure, setFailure] = useState<Problem[]>([]);
  const show = (answer: T) => {
    options.shown?.(answer);
    setData(answer);
    setFailure([]);
  };
  const reload = async () => {
    const answer = await read(data);
    show(answer);
    return answer;
  };
  const refresh = () =>
    reload().then(
      () => {},
      (error: unknown) => {
        if (!sessionEnded(error)) setFailure([{ message: messageOf(error) }]);
      },
    );
  useEffect(() => void refresh(), key);
  return { data, failure, refresh, reload, show, problems: (own) => (failure.length ? failure : own) };
};

/** The program, for what a page names by it (its zone, its themes): the page does without it until read. */
export const useProgram = (api: Api, programId: string) =>
  useRead(() => api.get<Program>(`/programs/${encodeURIComponent(programId)}`), [api, programId]).data;
