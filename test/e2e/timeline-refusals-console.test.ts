import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  followFirstLink,
  openConsole,
  press,
  refusal,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  typeOver,
} from '../support/console-session.ts';
import {
  eventNow as eventNowOf,
  setUpTimeline,
  type TimelineFixture,
  timelineNow as timelineNowOf,
  toEvent,
  toTimeline,
} from '../support/pages/timeline.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers run the program's timeline from the staff console, in Debian's Chromium, with the
 * keyboard alone: a join link that is not https refused on its field, and a form gone stale under
 * another organizer's change; an event that began while its form was open, refused and then shown
 * as fixed; and a reviewer, who is not offered the page. The stack's clock stands at 1 February
 * 2024, before every event of the year, until July's meeting begins. The changes the page makes
 * are timeline-console's.
 */
let fixture: TimelineFixture;
let stack: WorkerStack;
let organizer: string;

beforeAll(async () => {
  fixture = await setUpTimeline();
  ({ stack, organizer } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const timelineNow = () => timelineNowOf(fixture);
const eventNow = (eventId: string) => eventNowOf(fixture, eventId);

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(fixture, as);

describe('the timeline in the staff console', { timeout: 180_000 }, () => {
  it('places the API’s refusal of a join link that is not https on its field, storing nothing', async () => {
    const before = await timelineNow();
    const { page, problems } = await signedIn(asOrganizer);
    await toTimeline(page);
    await toEvent(page, 'Monthly online meeting', 'Tuesday 9 July 2024');
    await typeOver(page, 'event-join-url', 'http://meet.example.org/metlib-july');
    await press(page, 'Save the meeting');
    const message = 'Join link: the join link must be an https link';
    await refusal(page, message);
    expect(await page.locator('#event-join-url-error').textContent()).toBe(
      'Error: the join link must be an https link',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The summary's link puts the focus in the field, what was typed still there.
    expect(await followFirstLink(page, message)).toBe('event-join-url');
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

    await press(page, 'Back to the timeline', 'A');
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
