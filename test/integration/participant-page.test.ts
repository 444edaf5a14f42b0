import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const person = nominationBody();
const joinUrl = 'https://meet.example.org/metlib-may?pwd=s3cret';
let id: string;

const pagePath = () => stack.participantPage(person.candidate.email);
const calendarPathOf = (html: string) => {
  const found = /\/calendars\/[A-Za-z0-9_.-]+/.exec(html)?.[0];
  if (!found) throw new Error('The page shows no calendar address');
  return found;
};
const eventsIn = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  person.candidate.timeZone = 'Europe/Madrid';
  ({ id } = await stack.decided(person));
  await stack.advanceTo('2024-04-20T12:00:00Z');
  const timeline = metlib2024.timeline.map((e) => (e.id === 'meeting-2024-05' ? { ...e, joinUrl } : e));
  expect(
    (
      await stack.api('PUT', '/programs/metlib-2024/timeline', {
        token: organizer,
        body: { timeline, expectedVersion: 0 },
      })
    ).status,
  ).toBe(200);
});

describe('a participant’s own page', { timeout: 60_000 }, () => {
  it('is linked from their emails and shows what is ahead in their zone, with the private join link', async () => {
    const selected = (await stack.inbox(person.candidate.email)).find((e) =>
      e.subject.startsWith('Selected'),
    );
    expect(selected?.body.text).toMatch(
      /Your page in the program, .*: http:\/\/localhost:\d+\/participants\//,
    );
    const response = await stack.api('GET', await pagePath(), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Your MetLib Learning Circle 2024');
    // 14 May, 09:00 in New York is 15:00 in Madrid.
    expect(response.text).toContain('Tuesday 14 May 2024, 15:00 (Madrid time, UTC+2)');
    expect(response.text).toContain(`href="${joinUrl}"`);
    expect(response.text).toContain('Leadership group mentoring');
    expect(response.text).toContain('May 2024, date to be set');
    expect(response.text).not.toContain('<script');
  });

  it('gives a private calendar feed that a new address revokes', async () => {
    const page = (await stack.api('GET', await pagePath())).text;
    const feed = calendarPathOf(page);
    const first = await stack.api('GET', feed);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = eventsIn(first.text);
    expect(events.map((e) => e.summary)).toContain('MetLib Conference – MetLib Learning Circle 2024');
    const may = events.find((e) => e.uid === 'meeting-2024-05.metlib-2024@metlib-nominations');
    expect(may?.startDate.toJSDate().toISOString()).toBe('2024-05-14T13:00:00.000Z');
    expect(first.text).toContain('meet.example.org');

    const renewed = await stack.api('POST', `${await pagePath()}/calendar`, {
      headers: { accept: 'text/html' },
    });
    expect(renewed.status).toBe(303);
    const after = await stack.api('GET', renewed.headers.get('location') ?? '');
    expect(after.text).toContain('Your calendar has a new address');
    const next = calendarPathOf(after.text);
    expect(next).not.toBe(feed);
    expect((await stack.api('GET', feed)).status).toBe(404);
    expect((await stack.api('GET', next)).status).toBe(200);
  });

  it('refuses a tampered link with a page that says so', async () => {
    const path = await pagePath();
    const tampered = `${path.slice(0, -4)}${path.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const response = await stack.api('GET', tampered, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.text).toContain('This link is not valid');
  });

  it('lets the participant leave after a confirmation step: told once, the organizers alerted, the feed emptied', async () => {
    const path = await pagePath();
    const feed = calendarPathOf((await stack.api('GET', path)).text);
    const confirm = await stack.api('GET', `${path}/leave`, { headers: { accept: 'text/html' } });
    expect(confirm.text).toContain('Yes, leave the program');
    expect((await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.status).toBe('notified');
    const left = await stack.api('POST', `${path}/leave`, { headers: { accept: 'text/html' } });
    expect(left.status).toBe(303);
    expect((await stack.api('GET', left.headers.get('location') ?? '')).text).toContain(
      'You have left the program',
    );
    expect((await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.status).toBe(
      'withdrawn',
    );
    const confirmations = (await stack.inbox(person.candidate.email)).filter((e) =>
      e.subject.includes('withdraw'),
    );
    expect(confirmations).toHaveLength(1);
    expect(
      (await stack.inbox(stack.organizerInbox)).some((e) => e.body.text?.includes(person.candidate.name)),
    ).toBe(true);
    expect(eventsIn((await stack.api('GET', feed)).text)).toEqual([]);
    const again = await stack.api('POST', `${path}/leave`, { headers: { accept: 'text/html' } });
    expect(again.status).toBe(403);
    expect(again.text).toContain('You have already left the program');
  });
});
