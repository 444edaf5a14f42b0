import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  banner,
  focused,
  focusLandsOn,
  openConsole,
  press,
  type StaffMember,
  tabTo,
  typeOver,
  typeWallTime,
} from '../support/console-session.ts';
import {
  changeEmails as changeEmailsOf,
  eventNow as eventNowOf,
  row,
  setUpTimeline,
  type TimelineFixture,
  timelineNow as timelineNowOf,
  toEvent,
  toTimeline,
} from '../support/pages/timeline.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers run the program's timeline from the staff console, in Debian's Chromium, with the
 * keyboard alone: a meeting given its theme, facilitator, agenda, a reading and a join link; a
 * meeting moved, its participants told once; a mentoring session "in May" given its day and its
 * group; and a meeting cancelled after the confirmation step. The stack's clock stands at
 * 1 February 2024, before every event of the year. What the page refuses, and a reviewer, are
 * timeline-refusals-console's.
 */
let fixture: TimelineFixture;
let stack: WorkerStack;

beforeAll(async () => {
  fixture = await setUpTimeline();
  ({ stack } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const timelineNow = () => timelineNowOf(fixture);
const eventNow = (eventId: string) => eventNowOf(fixture, eventId);
const changeEmails = (name: string) => changeEmailsOf(fixture, name);

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(fixture, as);

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

    const said = await banner(page, 'Monthly online meeting is saved', '#timeline');
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
    const said = await banner(page, 'Monthly online meeting is saved', '#timeline');
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
    const said = await banner(page, 'Leadership group mentoring is saved', '#timeline');
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
    const said = await banner(page, 'Monthly online meeting is cancelled', '#timeline');
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
});
