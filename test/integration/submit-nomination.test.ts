import { beforeAll, describe, expect, it } from 'vitest';
import { referenceOf } from '../../shared/domain/reference.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
beforeAll(async () => {
  stack = await testStack();
});

const submit = (body: unknown) => stack.api('POST', '/programs/metlib-2024/nominations', { body });

describe('POST /programs/{programId}/nominations', () => {
  it('stores it unconfirmed and mails only the nominator, who confirms it; then the candidate hears, once', async () => {
    const body = nominationBody();
    const response = await submit(body);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'unconfirmed',
      programId: 'metlib-2024',
      submittedAt: expect.stringMatching(/^2024-02-01T14:0\d:\d\d\.\d{3}Z$/),
      confirmBy: expect.stringMatching(/^2024-02-03T14:0\d:\d\d\.\d{3}Z$/),
      message: expect.stringContaining('confirm'),
    });
    expect(await stack.inbox(body.candidate.email)).toEqual([]);
    const [confirmation] = await stack.inbox(body.nominator.email);
    expect(confirmation?.destination).toMatchObject({ to: [body.nominator.email], cc: [] });
    expect(confirmation?.subject).toBe('Please confirm your nomination for the MetLib Learning Circle 2024');

    const organizer = await stack.organizer();
    const listed = async () =>
      (await stack.api('GET', '/programs/metlib-2024/nominations', { token: organizer })).json.items.map(
        (n: { id: string }) => n.id,
      );
    expect(await listed()).not.toContain(response.json.id);
    expect((await stack.api('GET', `/nominations/${response.json.id}`, { token: organizer })).status).toBe(
      404,
    );

    const link = await stack.linkFor(body.nominator.email);
    const page = await stack.api('GET', link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your nomination');
    // Opening the link (as a mail scanner does) confirms nothing.
    expect(await stack.inbox(body.candidate.email)).toEqual([]);
    const confirmed = await stack.api('POST', link, { headers: { accept: 'text/html' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Nomination confirmed');
    const again = await stack.api('POST', link);
    expect(again.json).toEqual({ id: response.json.id, status: 'submitted' });

    expect(await listed()).toContain(response.json.id);
    const emails = await stack.inbox(body.candidate.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.destination.cc).toEqual([body.nominator.email]);
    expect(emails[0]?.subject).toBe('Nomination received: Jordi Serra for the MetLib Learning Circle 2024');
    // Short enough to read out on a call; the staff API gives it with every nomination.
    const { reference } = (
      await stack.api('GET', `/nominations/${response.json.id}`, { token: await stack.organizer() })
    ).json;
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(emails[0]?.body.text).toContain(`Your reference: ${reference}`);
  });

  it('answers a duplicate exactly as a new nomination; only its nominator learns of it, by email', async () => {
    const first = nominationBody();
    const { id: firstId } = await stack.nominate(first);
    const again = nominationBody({ candidateEmail: first.candidate.email.toUpperCase() });
    const fresh = await submit(nominationBody());
    const duplicate = await submit(again);
    const shape = (r: { status: number; json: Record<string, unknown> }) => ({
      status: r.status,
      keys: Object.keys(r.json).sort(),
      status2: r.json.status,
      message: r.json.message,
    });
    expect(shape(duplicate)).toEqual(shape(fresh));
    expect((await stack.api('POST', await stack.linkFor(again.nominator.email))).status).toBe(200);
    const told = await stack.inbox(again.nominator.email);
    expect(told.map((e) => e.subject)).toEqual([
      'Please confirm your nomination for the MetLib Learning Circle 2024',
      'Your nomination for the MetLib Learning Circle 2024 is confirmed',
    ]);
    // The candidate was told once, by the first nomination.
    expect(await stack.inbox(first.candidate.email)).toHaveLength(1);
    const organizer = await stack.organizer();
    const detail = await stack.api('GET', `/nominations/${duplicate.json.id}`, { token: organizer });
    expect(detail.json).toMatchObject({ status: 'submitted', duplicateOf: firstId });
  });

  it('confirms once when the link is clicked twice at once (a double click)', async () => {
    const body = nominationBody();
    await submit(body);
    const link = await stack.linkFor(body.nominator.email);
    const statuses = (await Promise.all([stack.api('POST', link), stack.api('POST', link)])).map(
      (r) => r.status,
    );
    expect(statuses).toEqual([200, 200]);
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);
  });

  it('answers a tampered or unknown link with a page that says so, and confirms nothing', async () => {
    const body = nominationBody();
    await submit(body);
    const link = await stack.linkFor(body.nominator.email);
    const tampered = `${link.slice(0, -2)}${link.endsWith('AA') ? 'BB' : 'AA'}`;
    const page = await stack.api('GET', tampered, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.text).toContain('This link is not valid');
    const posted = await stack.api('POST', '/nominations/confirm/nonsense');
    expect(posted.status).toBe(404);
    expect(posted.json).toMatchObject({ error: 'InvalidLink' });
    expect(await stack.inbox(body.candidate.email)).toEqual([]);
  });

  it('rejects ineligible and invalid answers with one issue per field and stores nothing', async () => {
    const before = await stack.itemCount();
    const body = nominationBody();
    body.library.cityPopulation = 400_000;
    body.candidate.name = 'Jordi\r\nBcc: victim@example.org';
    (body.commitments as { englishProficiency: boolean }).englishProficiency = false;
    body.motivation = 'x'.repeat(5001);
    const response = await submit(body);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('ValidationError');
    expect(response.json.issues).toEqual(
      expect.arrayContaining([
        { path: 'library.cityPopulation', message: expect.stringContaining('more than 400,000') },
        { path: 'candidate.name', message: expect.stringContaining('one line') },
        { path: 'commitments.englishProficiency', message: expect.stringContaining('English') },
        { path: 'motivation', message: expect.stringContaining('5000 characters or fewer') },
      ]),
    );
    expect(await stack.itemCount()).toBe(before);
  });

  it.each([
    [
      'malformed JSON',
      { raw: '{"library":', headers: { 'content-type': 'application/json' } },
      400,
      'ValidationError',
    ],
    ['an empty body', { raw: '', headers: { 'content-type': 'application/json' } }, 400, 'ValidationError'],
    ['a JSON array', { raw: '[]', headers: { 'content-type': 'application/json' } }, 400, 'ValidationError'],
    ['text/plain', { raw: 'hello', headers: { 'content-type': 'text/plain' } }, 415, 'UnsupportedMediaType'],
    ['no content type', { raw: '{}' }, 415, 'UnsupportedMediaType'],
    [
      'a body over 64 KB',
      {
        raw: JSON.stringify({ motivation: 'x'.repeat(70_000) }),
        headers: { 'content-type': 'application/json' },
      },
      413,
      'PayloadTooLarge',
    ],
  ])('answers %s with a JSON error', async (_, options, status, error) => {
    const response = await stack.api('POST', '/programs/metlib-2024/nominations', options);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.json).toMatchObject({ error, message: expect.any(String) });
  });

  it('answers 400 for a body that is not valid UTF-8, and 413 for a 1 MB body', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"motivation":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const bad = await stack.api('POST', '/programs/metlib-2024/nominations', {
      raw: invalid,
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'ValidationError', message: 'The body is not valid UTF-8 text' });
    const huge = await stack.api('POST', '/programs/metlib-2024/nominations', {
      raw: 'x'.repeat(1024 * 1024),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(huge.status).toBe(413);
  });

  it('keeps script in every text as text: stored and returned as sent, escaped in the email', async () => {
    const script = '<script>alert("x")</script>';
    const body = nominationBody();
    body.library.name = script;
    body.project.title = script;
    body.motivation = `${script} and a long enough motivation`;
    const { id } = await stack.nominate(body);
    const detail = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(detail.json.library.name).toBe(script);
    const [email] = await stack.inbox(body.candidate.email);
    expect(email?.body.html).not.toContain('<script>');
    expect(email?.body.html).toContain('&lt;script&gt;');
  });

  it('answers 404 for an unknown program', async () => {
    const response = await stack.api('POST', '/programs/metlib-1999/nominations', { body: nominationBody() });
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: 'NotFound', message: 'There is no program "metlib-1999"' });
  });
});

describe('the hosted form', () => {
  const formPost = (fields: Record<string, string | string[]>, accept = 'text/html') => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
    return stack.api('POST', '/programs/metlib-2024/nominations', {
      raw: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    });
  };
  const completeForm = (candidateEmail: string) => ({
    'library.name': 'Helsinki City Library',
    'library.city': 'Helsinki',
    'library.country': 'FI',
    'library.cityPopulation': '674 500',
    'nominator.name': 'Anna Director',
    'nominator.role': 'Library Director',
    'nominator.email': `nominator-${candidateEmail}`,
    'candidate.name': 'Mika Leader',
    'candidate.role': 'Head of Services',
    'candidate.email': candidateEmail,
    'candidate.timeZone': 'Europe/Helsinki',
    'project.type': 'partnerships',
    'project.title': 'Libraries as civic partners',
    'project.description': 'Partnerships with city departments in every branch.',
    motivation: 'Mika wants to learn from peers how partnerships change a city.',
    'travel.libraryCoversTravel': 'yes',
    'travel.conditionalOnStipend': 'no',
    themes: ['civic-engagement', 'community-partnerships'],
    'commitments.workingHours': 'true',
    'commitments.activeParticipation': 'true',
    'commitments.englishProficiency': 'true',
  });

  it('serves the form at / with the deadline as an exact instant in New York and UTC', async () => {
    const response = await stack.api('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('datetime="2024-02-16T04:59:59.000Z"');
    expect(response.text).toContain('Thursday 15 February 2024, 23:59 (New York time, UTC−5)');
    expect(response.text).toContain('Friday 16 February 2024, 04:59 (UTC)');
  });

  it('redirects a browser to the confirmation page after a posted form (JavaScript off)', async () => {
    const response = await formPost(completeForm(`form-${Date.now()}@library.example.org`));
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/programs\/metlib-2024\/nominate\/submitted\?ref=[0-9a-f-]{36}$/);
    const confirmation = await stack.api('GET', location);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).toContain('Check your email');
    expect(confirmation.text).toContain(referenceOf(location.split('ref=')[1] as string));
  });

  it('shows the form again with an error summary, the errors beside the fields and every answer kept', async () => {
    const fields = completeForm(`form-${Date.now()}@library.example.org`);
    fields['library.cityPopulation'] = '250000';
    fields['candidate.name'] = '<script>alert(1)</script>';
    fields['commitments.workingHours'] = '';
    const before = await stack.itemCount();
    const response = await formPost(fields);
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('<a href="#f-library-cityPopulation">Not eligible');
    expect(response.text).toContain('<a href="#f-commitments-workingHours">The candidate must commit');
    expect(response.text).toContain('value="Helsinki City Library"');
    expect(response.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(response.text).not.toContain('<script>alert(1)');
    expect(await stack.itemCount()).toBe(before);
  });

  it('accepts the same urlencoded body from a non-browser client with a JSON answer', async () => {
    const response = await formPost(
      completeForm(`form-${Date.now()}@library.example.org`),
      'application/json',
    );
    expect(response.status).toBe(202);
    expect(response.json.status).toBe('unconfirmed');
  });
});
