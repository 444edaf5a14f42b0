import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
beforeAll(async () => {
  stack = await testStack();
});

const html = { accept: 'text/html' };

/** The form's fields as the edit page shows them, ready to post back. */
const formOf = (page: string) => {
  const fields = new URLSearchParams();
  for (const m of page.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    const name = m[1] as string;
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    const decoded = value
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    if (/type="(radio|checkbox)"/.test(tag)) {
      if (/\schecked/.test(tag)) fields.append(name, decoded);
    } else fields.append(name, decoded);
  }
  for (const m of page.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    fields.append(m[1] as string, (m[2] as string).replace(/&amp;/g, '&').replace(/&#39;/g, "'"));
  }
  for (const m of page.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"[^>]*selected/.exec(m[2] as string)?.[1];
    if (selected !== undefined) fields.append(m[1] as string, selected);
  }
  return fields;
};

const post = (path: string, fields: URLSearchParams) =>
  stack.api('POST', path, {
    raw: fields.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...html },
  });

describe("the nominator's manage link", () => {
  it('shows the nomination, corrects answers with an audit entry, and tells a new candidate address once', async () => {
    const body = nominationBody();
    const { id } = await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    const view = await stack.api('GET', link, { headers: html });
    expect(view.status).toBe(200);
    expect(view.text).toContain(`Your nomination of ${body.candidate.name}`);
    expect(view.text).toContain('Confirmed and with the advisory group');
    expect(view.text).toContain(body.project.title);

    const edit = await stack.api('GET', `${link}/edit`, { headers: html });
    expect(edit.text).toContain('Correct your nomination');
    const fields = formOf(edit.text);
    expect(fields.get('candidate.email')).toBe(body.candidate.email);
    const newAddress = `moved-${body.candidate.email}`;
    fields.set('candidate.email', newAddress);
    fields.set('project.title', 'A corrected title');
    const saved = await post(link, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${link}?done=corrected`);
    const after = await stack.api('GET', link);
    expect(after.json).toMatchObject({
      id,
      standing: 'with-the-advisory-group',
      project: { title: 'A corrected title' },
    });
    expect(after.json).not.toHaveProperty('reviews');

    const detail = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    const correction = detail.json.history.at(-1);
    expect(correction).toMatchObject({ action: 'correct', actor: 'nominator' });
    expect(correction.changes.before.project.title).toBe(body.project.title);
    expect(correction.changes.after.candidate.email).toBe(newAddress);
    const toNew = await stack.inbox(newAddress);
    expect(toNew.map((e) => e.subject)).toEqual([
      `Nomination received: ${body.candidate.name} for the MetLib Learning Circle 2024`,
    ]);
    // Saving the same answers again changes nothing and says so.
    const same = await post(link, fields);
    expect(same.status).toBe(400);
    expect(same.text).toContain('Change an answer first');
    expect(await stack.inbox(newAddress)).toHaveLength(1);
  });

  it('shows a refused correction on the form again, with the answers kept and nothing written', async () => {
    const body = nominationBody();
    await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    const fields = formOf((await stack.api('GET', `${link}/edit`, { headers: html })).text);
    fields.set('library.cityPopulation', '1000');
    const before = await stack.itemCount();
    const refused = await post(link, fields);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('value="1000"');
    expect(await stack.itemCount()).toBe(before);
  });

  it('withdraws after a confirmation step, frees the candidate, and then only shows', async () => {
    const body = nominationBody();
    const { id } = await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    const step = await stack.api('GET', `${link}/withdraw`, { headers: html });
    expect(step.text).toContain('Yes, withdraw it');
    const done = await post(`${link}/withdraw`, new URLSearchParams());
    expect(done.status).toBe(303);
    const page = await stack.api('GET', `${link}?done=withdrawn`, { headers: html });
    expect(page.text).toContain('The nomination is withdrawn.');
    // Said in a success banner that takes the focus, as on the participant's pages.
    expect(page.text).toMatch(
      /<div class="notification-banner" role="alert"[^>]*autofocus>.*The nomination is withdrawn\./,
    );
    expect(page.text).not.toContain('/withdraw"');
    expect((await stack.api('POST', `${link}/withdraw`)).status).toBe(403);
    // The candidate may be nominated again.
    const again = nominationBody({ candidateEmail: body.candidate.email });
    const { id: next } = await stack.nominate(again);
    const organizer = await stack.organizer();
    expect((await stack.api('GET', `/nominations/${next}`, { token: organizer })).json).not.toHaveProperty(
      'duplicateOf',
    );
    expect((await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.status).toBe(
      'withdrawn',
    );
  });

  it('refuses a tampered link, and a confirmation link used to manage', async () => {
    const body = nominationBody();
    await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    const tampered = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await stack.api('GET', tampered, { headers: html })).text).toContain('This link is not valid');
    expect((await stack.api('GET', tampered)).status).toBe(404);
    const confirm = (await stack.linkFor(body.nominator.email, 'confirm')).split('/').at(-1);
    expect((await stack.api('GET', `/nominations/manage/${confirm}`)).status).toBe(404);
  });

  it('is signed with ES256 under a named key, and refused when signed by any other key', async () => {
    const body = nominationBody();
    await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    const token = link.split('/').at(-1) as string;
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ alg: 'ES256', kid: expect.any(String) });
    expect((await stack.api('GET', link)).status).toBe(200);
    // The same claims, signed by a key the stack does not hold (under the stack's own kid), and
    // with HS256 under that kid: what a function that only checks links could make, were it
    // given a shared secret.
    const claims = decodeJwt(token);
    const stranger = newLinkKeyPair(header.kid);
    const forgeries = [
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: header.kid as string })
        .sign(await importJWK(JSON.parse(stranger.privateJwk), 'ES256')),
      await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: header.kid as string })
        .sign(new TextEncoder().encode(JSON.stringify(stranger.publicKey))),
    ];
    for (const forged of forgeries) {
      const page = await stack.api('GET', `/nominations/manage/${forged}`, { headers: html });
      expect(page.status).toBe(404);
      expect(page.text).toContain('This link is not valid');
      expect(page.text).not.toContain(body.candidate.name);
    }
  });

  it('stops correcting when the nominations close, and stops at the link’s expiry', async () => {
    const body = nominationBody();
    await stack.nominate(body);
    const link = await stack.linkFor(body.nominator.email, 'manage');
    await stack.advanceTo('2024-02-17T12:00:00Z');
    const view = await stack.api('GET', link);
    expect(view.json).toMatchObject({ canCorrect: false, canWithdraw: true });
    const late = await stack.api('POST', link, { body });
    expect(late.status).toBe(403);
    expect(late.json.message).toContain('until the nominations closed');
    await stack.advanceTo('2025-02-20T12:00:00Z');
    const expired = await stack.api('GET', link, { headers: html });
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
  });
});
