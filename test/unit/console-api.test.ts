import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  conflictWords,
  issuesOf,
  isVersionConflict,
  makeApi,
  sessionEnded,
} from '../../console/src/api.ts';

const answering = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status }));

afterEach(() => vi.unstubAllGlobals());

describe('the console’s API client and how it tells refusals apart', () => {
  it('sends the token, and answers a refusal as an ApiError in the API’s words', async () => {
    const fetch = answering(409, {
      error: 'VersionConflict',
      message: 'The nomination is at version 4, not 3',
    });
    vi.stubGlobal('fetch', fetch);
    const api = makeApi(
      () => 'token',
      async () => {},
    );
    const refusal = await api.post('/nominations/n1/transitions', { action: 'select' }).catch((e) => e);
    expect(fetch).toHaveBeenCalledWith('/nominations/n1/transitions', {
      method: 'POST',
      headers: { authorization: 'Bearer token', 'content-type': 'application/json' },
      body: '{"action":"select"}',
    });
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 409, error: 'VersionConflict' });
    expect(isVersionConflict(refusal)).toBe(true);
    expect(conflictWords(refusal, 'Someone else changed it.')).toBe(
      'Someone else changed it. The nomination is at version 4, not 3.',
    );
    expect(sessionEnded(refusal)).toBe(false);
  });

  it('sends someone whose session ended to sign in, and says so as a lost session', async () => {
    vi.stubGlobal('fetch', answering(401, { message: 'Unauthorized' }));
    const signIn = vi.fn(async () => {});
    const refusal = await makeApi(() => 'old', signIn)
      .get('/programs/metlib-2024/attendance')
      .catch((e) => e);
    expect(signIn).toHaveBeenCalledOnce();
    expect(sessionEnded(refusal)).toBe(true);
    expect(isVersionConflict(refusal)).toBe(false);
    expect(conflictWords(refusal, 'Someone else changed it.')).toBeUndefined();
  });

  it('says any other conflict in the API’s words alone, and finds a 400’s issues', async () => {
    const other = new ApiError(409, 'Conflict', 'A removed group still has sessions on the timeline');
    expect(conflictWords(other, 'Someone else changed it.')).toBe(
      'A removed group still has sessions on the timeline',
    );
    const issues = [{ path: 'groups.0.mentor', message: 'Give the mentor' }];
    expect(issuesOf(new ApiError(400, 'ValidationError', 'The groups are not valid', { issues }))).toEqual(
      issues,
    );
    expect(issuesOf(other)).toEqual([]);
    expect(issuesOf(new Error('The network dropped'))).toEqual([]);
  });
});
