import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const people = { ana: nominationBody(), ben: nominationBody() };

const pagePath = (who: keyof typeof people) => stack.participantPage(people[who].candidate.email);
const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const answers = {
  overall: '5',
  meetings: '4',
  mentoring: '4',
  conference: '5',
  recommend: 'yes',
  version: '0',
};

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  for (const body of Object.values(people)) await stack.decided(body);
  await stack.advanceTo('2025-03-01T12:00:00Z');
});

describe('the hosted evaluation on the running stack', { timeout: 90_000 }, () => {
  it('is asked for by email, answered from a form without script, and changed until it closes', async () => {
    const early = await stack.api('POST', `${await pagePath('ana')}/evaluation`, form(answers));
    expect(early.status).toBe(403);
    expect(early.text).toContain('The evaluation opens on Wednesday 5 March 2025, 09:00');

    await stack.advanceTo('2025-03-05T14:00:05Z');
    const asked = (await stack.inbox(people.ana.candidate.email)).find((e) =>
      e.subject.startsWith('Your evaluation'),
    );
    expect(asked?.body.text).toMatch(
      /The evaluation: http:\/\/localhost:\d+\/participants\/[^ ]+\/evaluation/,
    );
    const path = `${await pagePath('ana')}/evaluation`;
    const shown = await stack.api('GET', path, { headers: { accept: 'text/html' } });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('How useful was the learning circle for your work?');
    expect(shown.text).not.toContain('<script');

    const missing = await stack.api('POST', path, form({ ...answers, overall: '' }));
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('There is a problem');
    expect(missing.text).toContain('href="#q-overall-first"');
    // What was given is kept in the form shown again.
    expect(missing.text).toMatch(/name="meetings" value="4" id="[^"]+" checked/);

    const sent = await stack.api('POST', path, form(answers));
    expect(sent.status).toBe(303);
    expect((await stack.api('GET', sent.headers.get('location') ?? '')).text).toContain(
      'Your answers are saved',
    );
    const changed = await stack.api('POST', path, form({ ...answers, overall: '4', version: '1' }));
    expect(changed.status).toBe(303);
    const stale = await stack.api('POST', path, form({ ...answers, version: '1' }));
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('changed in another window');
  });

  it('reminds only who has not answered a week before it closes, and gives staff the results and a CSV', async () => {
    await stack.advanceTo('2025-03-20T13:00:05Z');
    const reminded = async (who: keyof typeof people) =>
      (await stack.inbox(people[who].candidate.email)).filter((e) => e.subject.startsWith('A week left'));
    expect(await reminded('ben')).toHaveLength(1);
    expect(await reminded('ana')).toEqual([]);

    const results = await stack.api('GET', '/programs/metlib-2024/evaluation', {
      token: await stack.reviewer(),
    });
    expect(results.json).toMatchObject({ participants: 2, responded: 1, recommendRate: 100 });
    const csv = await stack.api('GET', '/programs/metlib-2024/evaluation.csv', { token: organizer });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[1]).toMatch(
      /^1,2025-03-05T14:00:\d\d\.\d+Z,2025-03-05T14:00:\d\d\.\d+Z,4,4,4,5,,,yes$/,
    );
    expect((await stack.api('GET', '/programs/metlib-2024/evaluation')).status).toBe(401);

    await stack.advanceTo('2025-03-27T12:00:00Z');
    const late = await stack.api('POST', `${await pagePath('ben')}/evaluation`, form(answers));
    expect(late.status).toBe(403);
    expect(late.text).toContain('The evaluation closed at the end of');
    const tampered = await stack.api('GET', `${(await pagePath('ben')).slice(0, -3)}abc/evaluation`, {
      headers: { accept: 'text/html' },
    });
    expect(tampered.status).toBe(404);
  });
});
