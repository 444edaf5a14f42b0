import { beforeAll, describe, expect, it } from 'vitest';
import { linkIn } from '../../local/sent-emails.ts';
import { participantLinkCarriers } from '../support/private-links.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const person = nominationBody();
const other = nominationBody();
let id: string;

const asPage = { accept: 'text/html' };
const form = { 'content-type': 'application/x-www-form-urlencoded', ...asPage };
const feedIn = (html: string) => /\/calendars\/[\w.-]+/.exec(html)?.[0] ?? 'no calendar address';
const newLinks = async (address: string) =>
  (await stack.inbox(address)).filter((e) => e.subject.startsWith('A new link to your page'));
const askForNewLink = (path: string, headers: Record<string, string> = form, raw = '') =>
  stack.api('POST', `${path}/new-link`, { headers, raw });

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  ({ id } = await stack.decided(person));
  await stack.decided(other);
});

describe('a participant’s private links', () => {
  it('go to the participant alone; the nominator hears of the place without them', async () => {
    const selected = (await stack.inbox(person.candidate.email)).find((e) =>
      e.subject.startsWith('Selected'),
    );
    expect(selected?.destination).toEqual({ to: [person.candidate.email], cc: [], bcc: [] });
    expect(linkIn(selected?.body.text, 'participant')).toBeDefined();
    const news = await stack.inbox(person.nominator.email);
    expect(news.map((e) => e.subject)).toContain(
      `${person.candidate.name} has been selected: MetLib Learning Circle 2024`,
    );
    expect(participantLinkCarriers(news)).toEqual([]);
    // One decision email each, and the decision check counts nothing left to tell.
    const emails = (await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.emails;
    expect(
      emails
        .filter((e: { key: string }) => e.key.startsWith('decision'))
        .map((e: { kind: string }) => e.kind),
    ).toEqual(['decision-selected', 'decision-selected-nominator']);
  });

  it('are renewed from the page a replaced link shows: the old one stops everywhere behind it', async () => {
    const old = await stack.participantPage(person.candidate.email);
    const oldFeed = feedIn((await stack.api('GET', old)).text);
    expect((await stack.api('GET', oldFeed)).status).toBe(200);
    // An address typed into the request is never read: the link goes to the nomination's.
    const asked = await askForNewLink(old, form, 'email=someone-else%40example.org');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Check your email');
    expect(await stack.inbox('someone-else@example.org')).toEqual([]);
    const [renewal, ...more] = await newLinks(person.candidate.email);
    expect(more).toEqual([]);
    expect(renewal?.destination).toEqual({ to: [person.candidate.email], cc: [], bcc: [] });
    const fresh = linkIn(renewal?.body.text, 'participant') as string;
    expect(fresh).not.toBe(old);

    const refused = await stack.api('GET', old, { headers: asPage });
    expect(refused.status).toBe(404);
    expect(refused.text).toContain('replaced by a newer one');
    expect(refused.text).toContain(`action="${old}/new-link"`);
    for (const [method, path] of [
      ['GET', `${old}/evaluation`],
      ['GET', `${old}/certificate`],
      ['GET', `${old}/leave`],
      ['POST', `${old}/leave`],
      ['POST', `${old}/calendar`],
    ] as const) {
      const answer = await stack.api(method, path, { headers: asPage });
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.text).toContain('Send me a new link');
    }
    expect((await stack.api('GET', oldFeed)).status).toBe(404);
    expect((await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.status).toBe('notified');

    const page = await stack.api('GET', fresh, { headers: asPage });
    expect(page.status).toBe(200);
    expect((await stack.api('GET', feedIn(page.text))).status).toBe(200);
    expect((await stack.api('GET', `${fresh}/certificate`, { headers: asPage })).text).toContain(
      'No certificate yet',
    );
  });

  it('answer a request for a new link the same whatever the token, at most three a day', async () => {
    const first = await stack.participantPage(other.candidate.email);
    const manage = await stack.linkFor(other.nominator.email, 'manage');
    const tokens = [
      first,
      `${first.slice(0, -4)}${first.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`,
      `/participants/${manage.split('/').at(-1)}`,
      '/participants/not-a-token',
    ];
    const answers = [];
    for (const path of [...tokens, first, first, first]) {
      const { status, text } = await askForNewLink(path);
      answers.push({ status, text });
      const json = await askForNewLink(path, {});
      answers.push({ status: json.status, text: json.text });
    }
    const pageAnswer = answers[0];
    const jsonAnswer = answers[1];
    expect(pageAnswer?.status).toBe(200);
    expect(jsonAnswer?.status).toBe(202);
    expect(answers.filter((_, i) => i % 2 === 0)).toEqual(
      answers.filter((_, i) => i % 2 === 0).map(() => pageAnswer),
    );
    expect(answers.filter((_, i) => i % 2 === 1)).toEqual(
      answers.filter((_, i) => i % 2 === 1).map(() => jsonAnswer),
    );
    // Eight asked with a real link, three sent: the day's limit. The nominator got none.
    expect(await newLinks(other.candidate.email)).toHaveLength(3);
    expect(participantLinkCarriers(await stack.inbox(other.nominator.email))).toEqual([]);

    await stack.advanceTo('2024-02-02T14:00:00Z');
    await askForNewLink(first);
    const renewals = await newLinks(other.candidate.email);
    expect(renewals).toHaveLength(4);
    const newest = linkIn(renewals.at(-1)?.body.text, 'participant') as string;
    const before = linkIn(renewals.at(-2)?.body.text, 'participant') as string;
    expect((await stack.api('GET', newest, { headers: asPage })).status).toBe(200);
    expect((await stack.api('GET', before, { headers: asPage })).status).toBe(404);
  });

  it('never went to anyone but the participant they name', async () => {
    const carriers = participantLinkCarriers(await stack.sentEmails());
    expect(carriers.length).toBeGreaterThan(0);
    for (const email of carriers) {
      expect(email.cc).toEqual([]);
      expect([person.candidate.email, other.candidate.email]).toContain(email.to.join());
    }
  });
});
