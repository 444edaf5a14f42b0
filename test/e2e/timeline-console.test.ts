import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations, workerChromium } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  focused,
  focusLandsOn,
  openConsole,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tabTo,
  typeOver,
  typeWallTime,
} from '../support/console-session.ts';
import { screenshot } from '../support/screenshots.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers run the program's timeline from the staff console, in Debian's Chromium, with the
 * keyboard alone: a meeting given its theme, facilitator, agenda, a reading and a join link; a
 * meeting moved, its participants told once; a mentoring session "in May" given its day and its
 * group; a join link that is not https refused on its field; a meeting cancelled after the
 * confirmation step; and a reviewer, who is not offered the page. The stack's clock stands at
 * 1 February 2024, before every event of the year.
 */
let stack: WorkerStack;
let browser: Browser;
let config: { authority: string; client_id: string };
let organizer: string;

/** Two participants told of their selection; Amara is in the Lisbon circle, Bruno in no group. */
const names = ['Amara Okafor', 'Bruno Lima'] as const;
const id: Record<string, string> = {};
const email: Record<string, string> = {};

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  for (const name of names) {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name };
    id[name] = (await stack.decided(body)).id;
    email[name] = body.candidate.email;
  }
  const arranged = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
    token: organizer,
    body: {
      groups: [{ id: 'lisbon', name: 'Lisbon circle', mentor: 'Ana Santos', members: [id['Amara Okafor']] }],
      expectedVersion: 0,
    },
  });
  if (arranged.status !== 200) throw new Error(`Groups answered ${arranged.status}: ${arranged.text}`);
  config = (await stack.api('GET', '/staff/config.json')).json;
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

interface EventNow {
  id: string;
  title: string;
  when: Record<string, unknown>;
  theme?: string;
  facilitator?: string;
  agenda?: string;
  readings?: { title: string; url: string }[];
  joinUrl?: string;
  group?: string;
}
const timelineNow = async () =>
  (await stack.api('GET', '/programs/metlib-2024/timeline', { token: organizer })).json as {
    timelineVersion: number;
    timeline: EventNow[];
  };
const eventNow = async (eventId: string) => (await timelineNow()).timeline.find((e) => e.id === eventId);

/** The calendar changes a participant was emailed. */
const changeEmails = async (name: string) =>
  (await stack.inbox(email[name] as string)).filter(
    (e) => e.subject.startsWith('Changed: ') || e.subject.startsWith('Cancelled: '),
  );

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(browser, stack, config, as);

/** The console's own way to the page: its navigation, with the keyboard. */
const toTimeline = async (page: Page) => {
  await tabTo(page, (el) => el.tag === 'A' && el.text === 'Timeline');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Timeline', level: 1 }).waitFor();
  await page.locator('#timeline').waitFor();
};

/** From the list, an event's "Change" link (named by its title and date), with the keyboard. */
const toEvent = async (page: Page, title: string, day: string) => {
  await tabTo(page, (el) => el.tag === 'A' && el.text.startsWith(`Change ${title}, ${day}`));
  await page.keyboard.press('Enter');
  await focusLandsOn(page, 'event-heading');
  expect(await page.locator('#event-heading').textContent()).toBe(`Change ${title}`);
};

const press = async (page: Page, button: string) => {
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === button);
  await page.keyboard.press('Enter');
};

const banner = async (page: Page, text: string) => {
  const shown = page.locator('.govuk-notification-banner', { hasText: text });
  await shown.waitFor();
  await page.locator('#timeline').waitFor();
  return shown.textContent();
};

/** The list's row of an event, as its text. */
const row = (page: Page, eventId: string) => page.locator(`#event-${eventId}`).textContent();

describe('the timeline in the staff console', { timeout: 180_000 }, () => {
  it('gives a meeting its theme, facilitator, agenda, a reading and a join link', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/timeline`);
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.locator('[aria-current="page"]').textContent()).toBe('Timeline');
    expect(await page.locator('#timeline-about').textContent()).toContain('New York time (America/New_York)');
    const may = await row(page, 'meeting-2024-05');
    expect(may).toContain('Tuesday 14 May 2024, 09:00 for 2 hours (New York time)');
    expect(may).toContain('Public Safety');
    expect(await row(page, 'mentoring-2024-05')).toContain('May 2024, day to be set');
    expect(await row(page, 'conference-2024')).toContain('Sunday 6 October 2024 to Thursday 10 October 2024');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await toEvent(page, 'Monthly online meeting', 'Tuesday 14 May 2024');
    expect(page.url()).toBe(`${stack.apiUrl}/staff/timeline?event=meeting-2024-05`);
    expect(await page.locator('#event-at').inputValue()).toBe('2024-05-14T09:00');
    expect(await page.locator('#event-theme').inputValue()).toBe('public-safety');
    // One down the program's list of themes, with the arrow key on the select.
    await tabTo(page, (el) => el.id === 'event-theme');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#event-theme').inputValue()).toBe('urban-mobility');
    await typeOver(page, 'event-facilitator', 'Brian Bannon');
    await tabTo(page, (el) => el.id === 'event-agenda');
    await page.keyboard.type('Welcome\nEach participant’s project in five minutes');
    await press(page, 'Add a reading');
    await focusLandsOn(page, 'reading-0-title');
    await page.keyboard.type('The library as civic infrastructure');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('reading-0-url');
    await page.keyboard.type('https://example.org/civic-infrastructure');
    await typeOver(page, 'event-join-url', 'https://meet.example.org/metlib-may');
    await tabTo(page, (el) => el.id === 'event-note');
    await page.keyboard.type('Brian leads May');
    expect(await page.locator('#event-told').textContent()).toContain(
      '2 participants will be emailed the change',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-timeline-event.png');
    await press(page, 'Save the meeting');

    const said = await banner(page, 'Monthly online meeting is saved');
    expect(said).toContain('2 participants are being emailed the change.');
    // The reminders read the meeting when they go out: their schedules stay as they are.
    expect(said).toContain('No reminder schedule had to change.');
    expect(page.url()).toBe(`${stack.apiUrl}/staff/timeline`);
    const saved = await eventNow('meeting-2024-05');
    expect(saved).toMatchObject({
      theme: 'urban-mobility',
      facilitator: 'Brian Bannon',
      agenda: 'Welcome\nEach participant’s project in five minutes',
      readings: [
        { title: 'The library as civic infrastructure', url: 'https://example.org/civic-infrastructure' },
      ],
      joinUrl: 'https://meet.example.org/metlib-may',
      when: { at: '2024-05-14T09:00', durationMinutes: 120 },
    });
    expect((await timelineNow()).timelineVersion).toBe(1);
    // The join link is private: the public program leaves it out.
    const published = await stack.api('GET', '/programs/metlib-2024');
    expect(published.status).toBe(200);
    expect(published.text).not.toContain('meet.example.org');
    expect(published.text).toContain('Brian Bannon');
    const listed = await row(page, 'meeting-2024-05');
    expect(listed).toContain('Urban Mobility');
    expect(listed).toMatch(/Yes\s*Change/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-timeline.png');
    expect(problems).toEqual([]);
  });

  it('moves a meeting a week, and each participant is emailed the change once', async () => {
    const before = await changeEmails('Bruno Lima');
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Monthly online meeting', 'Tuesday 11 June 2024');
    await tabTo(page, (el) => el.id === 'event-at');
    await typeWallTime(page, '2024-06-18T10:30');
    expect(await page.locator('#event-at').inputValue()).toBe('2024-06-18T10:30');
    await press(page, 'Save the meeting');
    const said = await banner(page, 'Monthly online meeting is saved');
    expect(said).toContain('2 participants are being emailed the change.');
    expect(said).toMatch(/Reminder schedules: .*replaced/);
    expect(await row(page, 'meeting-2024-06')).toContain('Tuesday 18 June 2024, 10:30 for 2 hours');
    expect((await eventNow('meeting-2024-06'))?.when).toEqual({
      at: '2024-06-18T10:30',
      durationMinutes: 120,
    });

    const after = await changeEmails('Bruno Lima');
    const news = after.filter((e) => !before.some((b) => b.messageId === e.messageId));
    expect(news).toHaveLength(1);
    expect(news[0]?.subject).toMatch(/^Changed: Monthly online meeting/);
    expect(news[0]?.body.text).toContain('18 June 2024');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('gives May’s mentoring session its day and the Lisbon circle, telling its member only', async () => {
    const amara = (await changeEmails('Amara Okafor')).length;
    const bruno = (await changeEmails('Bruno Lima')).length;
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Leadership group mentoring', 'May 2024, day to be set');
    expect(await page.locator('#event-at').count()).toBe(0);
    await tabTo(page, (el) => el.id === 'event-dated-month');
    await page.keyboard.press('ArrowDown');
    await page.locator('#event-at').waitFor();
    await tabTo(page, (el) => el.id === 'event-at');
    await typeWallTime(page, '2024-05-21T10:00');
    await typeOver(page, 'event-duration', '90');
    await tabTo(page, (el) => el.id === 'event-group');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#event-group').inputValue()).toBe('lisbon');
    expect(await page.locator('#event-told').textContent()).toContain(
      '1 participant will be emailed the change, with a calendar entry that replaces theirs. Amara Okafor.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await press(page, 'Save the session');
    const said = await banner(page, 'Leadership group mentoring is saved');
    expect(said).toContain('1 participant is being emailed the change.');
    expect(said).toMatch(/Reminder schedules: \d+ created/);
    const listed = await row(page, 'mentoring-2024-05');
    expect(listed).toContain('Tuesday 21 May 2024, 10:00 for 1 hour 30 minutes (New York time)');
    expect(listed).toContain('Lisbon circle');
    expect(await eventNow('mentoring-2024-05')).toMatchObject({
      when: { at: '2024-05-21T10:00', durationMinutes: 90 },
      group: 'lisbon',
    });
    expect(await changeEmails('Amara Okafor')).toHaveLength(amara + 1);
    expect(await changeEmails('Bruno Lima')).toHaveLength(bruno);
    expect(problems).toEqual([]);
  });

  it('places the API’s refusal of a join link that is not https on its field, storing nothing', async () => {
    const before = await timelineNow();
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Monthly online meeting', 'Tuesday 9 July 2024');
    await typeOver(page, 'event-join-url', 'http://meet.example.org/metlib-july');
    await press(page, 'Save the meeting');
    const message = 'Join link: the join link must be an https link';
    await page.locator('#error-summary', { hasText: message }).waitFor();
    await focusLandsOn(page, 'error-summary');
    expect(await page.locator('#event-join-url-error').textContent()).toBe(
      'Error: the join link must be an https link',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The summary's link puts the focus in the field, what was typed still there.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: message });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('event-join-url');
    expect(await page.locator('#event-join-url').inputValue()).toBe('http://meet.example.org/metlib-july');
    expect(await timelineNow()).toEqual(before);

    // Meanwhile another organizer changes the timeline: this form is stale, and the page says so.
    const other = await stack.api('PUT', '/programs/metlib-2024/timeline', {
      token: organizer,
      body: {
        timeline: before.timeline.map((e) =>
          e.id === 'meeting-2024-07' ? { ...e, facilitator: 'Ana Santos' } : e,
        ),
        expectedVersion: before.timelineVersion,
      },
    });
    expect(other.status).toBe(200);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('https://meet.example.org/metlib-july');
    await press(page, 'Save the meeting');
    await page.locator('#error-summary', { hasText: 'Someone else changed the timeline' }).waitFor();
    expect(await page.locator('#error-summary').textContent()).toContain(
      `(version ${before.timelineVersion + 1})`,
    );
    expect(await page.locator('#event-facilitator').inputValue()).toBe('Ana Santos');
    expect(await page.locator('#event-join-url').inputValue()).toBe('');
    expect((await eventNow('meeting-2024-07'))?.joinUrl).toBeUndefined();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('cancels a meeting after the confirmation step, which says who will be emailed', async () => {
    const bruno = (await changeEmails('Bruno Lima')).length;
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Monthly online meeting', 'Tuesday 10 September 2024');
    await press(page, 'Cancel this meeting');
    await focusLandsOn(page, 'confirm-cancel-heading');
    expect(await page.locator('#cancel-told').textContent()).toContain(
      '2 participants will be emailed that it is cancelled, with a calendar entry that replaces theirs. Amara Okafor, Bruno Lima.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Not yet: "No, keep it" goes back to the form, and nothing is sent.
    await press(page, 'No, keep it');
    await focusLandsOn(page, 'event-heading');
    expect(await eventNow('meeting-2024-09')).toBeDefined();
    await press(page, 'Cancel this meeting');
    await focusLandsOn(page, 'confirm-cancel-heading');
    await tabTo(page, (el) => el.id === 'event-note');
    await page.keyboard.type('The conference follows within a month');
    await press(page, 'Yes, cancel it');
    const said = await banner(page, 'Monthly online meeting is cancelled');
    expect(said).toContain('2 participants are being emailed the cancellation.');
    expect(said).toMatch(/Reminder schedules: .*deleted/);
    expect(await page.locator('#event-meeting-2024-09').count()).toBe(0);
    expect(await eventNow('meeting-2024-09')).toBeUndefined();
    const mails = await changeEmails('Bruno Lima');
    expect(mails).toHaveLength(bruno + 1);
    expect(mails.at(-1)?.subject).toMatch(/^Cancelled: Monthly online meeting/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows an event begun as fixed, and the API’s refusal when one begins while its form is open', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Monthly online meeting', 'Tuesday 9 July 2024');
    // July's meeting begins (9:00 in New York) while the organizer is changing it.
    await stack.advanceTo('2024-07-09T14:00:00Z');
    await typeOver(page, 'event-facilitator', 'Brian Bannon');
    await press(page, 'Save the meeting');
    const message = '"meeting-2024-07" has already begun; it can no longer be changed';
    await page.locator('#error-summary', { hasText: message }).waitFor();
    await page.locator('#event-begun').waitFor();
    expect(await page.locator('#event-begun').textContent()).toContain(
      'It has begun: it can no longer change.',
    );
    expect(await page.locator('#event-title').count()).toBe(0);
    expect((await eventNow('meeting-2024-07'))?.facilitator).toBe('Ana Santos');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.tag === 'A' && el.text === 'Back to the timeline');
    await page.keyboard.press('Enter');
    await page.locator('#timeline').waitFor();
    const july = page.locator('#event-meeting-2024-07');
    expect(await july.textContent()).toContain('Begun: it can no longer change');
    expect(await july.locator('a').count()).toBe(0);
    expect(await page.locator('#event-meeting-2024-11 a').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is not offered to a reviewer, and shows them nothing to change', async () => {
    const { page, problems } = await signedIn(asReviewer);
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    await page.goto(`${stack.apiUrl}/staff/timeline`);
    await page.locator('#nominations').waitFor();
    expect(await page.getByRole('heading', { name: 'Timeline' }).count()).toBe(0);
    expect(await page.locator('#timeline, #event-heading, #event-title').count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
    expect(
      (await stack.api('GET', '/programs/metlib-2024/timeline', { token: await stack.reviewer() })).status,
    ).toBe(403);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
