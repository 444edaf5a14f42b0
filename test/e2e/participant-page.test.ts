import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import {
  closeContexts,
  focusIsVisible,
  headingsInOrder,
  openPage,
  seriousAxeViolationsEitherWay,
  workerChromium,
} from '../support/browser.ts';
import { focused, tabTo } from '../support/console-session.ts';
import { screenshot } from '../support/screenshots.ts';
import { seedNomination } from '../support/seed.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

/**
 * A participant at their own page, in Debian's Chromium, from the link in their email: with
 * JavaScript turned off and on, by keyboard alone. What is ahead in their zone with the join link
 * and readings, the sessions still to be dated, a new calendar address, and leaving the program
 * after its confirmation step; axe-core at each step and the page's screenshot for the docs.
 */
const joinUrl = 'https://meet.example.org/metlib-may?pwd=s3cret';
const reading = { title: 'Safe and welcoming libraries', url: 'https://readings.example.org/safe-libraries' };
let stack: WorkerStack;
let browser: Browser;
/** A participant's candidate address for each run, one with JavaScript off and one with it on. */
const participants: Record<'off' | 'on', string> = { off: '', on: '' };

beforeAll(async () => {
  stack = await testStack();
  const organizer = await stack.organizer();
  for (const [script, name] of [
    ['off', 'Lucía Martín'],
    ['on', 'Javier Ortega'],
  ] as const) {
    const seeded = await seedNomination(stack, organizer, name, {
      shape: (person) => {
        person.candidate = { ...person.candidate, timeZone: 'Europe/Madrid' };
        person.library = {
          ...person.library,
          name: 'Bibliotecas Municipales de Madrid',
          city: 'Madrid',
          country: 'ES',
        };
      },
    });
    participants[script] = seeded.email;
  }
  await stack.advanceTo('2024-04-20T12:00:00Z');
  const timeline = metlib2024.timeline.map((e) =>
    e.id === 'meeting-2024-05' ? { ...e, joinUrl, readings: [reading] } : e,
  );
  const set = await stack.api('PUT', '/programs/metlib-2024/timeline', {
    token: organizer,
    body: { timeline, expectedVersion: 0 },
  });
  if (set.status !== 200) throw new Error(`The timeline answered ${set.status}: ${set.text}`);
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

const open = (javaScriptEnabled: boolean, path: string) =>
  openPage(browser, `${stack.apiUrl}${path}`, { javaScriptEnabled });

/** Presses Enter on what has the focus, and waits for the page it leads to. */
const enterTo = async (page: Page, url: RegExp) => {
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
  await page.waitForLoadState();
};

/**
 * axe-core's serious and critical violations on the page as it stands; with JavaScript off the same
 * address is scanned in a tab with it on: every step ends on a GET the server renders alike.
 */
const scan = (page: Page, javaScriptEnabled: boolean) =>
  seriousAxeViolationsEitherWay(browser, page, javaScriptEnabled, async (twin) => {
    await twin.goto(page.url());
    // The same page but for the calendar address, signed afresh (its time is in it) at each view.
    const fresh = (markup: string) => markup.replaceAll(/\/calendars\/[\w.-]+/g, '/calendars/…');
    expect(fresh(await twin.content())).toBe(fresh(await page.content()));
  });

/** Every link is underlined, so it stands out from the text around it by more than colour. */
const linksUnderlined = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('a')).every((a) =>
      getComputedStyle(a).textDecorationLine.includes('underline'),
    ),
  );

/** Checks every page of the journey: axe-core, the headings and the links. */
const checkPage = async (page: Page, javaScriptEnabled: boolean) => {
  expect(await scan(page, javaScriptEnabled)).toEqual([]);
  expect(await headingsInOrder(page)).toBe(true);
  expect(await linksUnderlined(page)).toBe(true);
};

const save = (page: Page, name: string) => screenshot(page, name);

const calendarAddress = (page: Page) => page.locator('a[href*="/calendars/"]').first().getAttribute('href');

describe.each([
  ['off', false],
  ['on', true],
] as const)('a participant’s own page, JavaScript %s', (script, javaScriptEnabled) => {
  it('shows what is ahead in their zone; a new calendar address and leaving, by keyboard; axe-core at each step', {
    timeout: 120_000,
  }, async () => {
    const path = await stack.participantPage(participants[script]);
    const { page, problems } = await open(javaScriptEnabled, path);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Your MetLib Learning Circle 2024',
    );
    const main = page.locator('main');
    // 14 May, 09:00 in New York is 15:00 in Madrid; the browser's own zone (UTC) plays no part.
    expect(await main.textContent()).toContain('Tuesday 14 May 2024, 15:00 (Madrid time, UTC+2)');
    expect(await page.getByRole('link', { name: joinUrl }).getAttribute('href')).toBe(joinUrl);
    expect(await page.getByRole('link', { name: reading.title }).getAttribute('href')).toBe(reading.url);
    expect(await main.textContent()).toContain('May 2024, date to be set');
    expect(await page.getByRole('heading', { level: 2, name: 'Dates to be set' }).isVisible()).toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    await checkPage(page, javaScriptEnabled);
    if (javaScriptEnabled) {
      await screenshot(page, 'participant-page.png');
    }
    // On a narrow phone the long join and calendar addresses wrap: nothing scrolls sideways.
    const size = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    if (size) await page.setViewportSize(size);

    // A new calendar address: the button reached by Tab, pressed with Enter.
    const before = await calendarAddress(page);
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Make a new calendar address');
    expect(await focusIsVisible(page)).toBe(true);
    await enterTo(page, /\?done=calendar$/);
    // The success banner is read first: it has the focus.
    const calendarNotice =
      'Your calendar has a new address: subscribe to it again. The old one no longer works.';
    expect(await page.getByRole('alert', { name: 'Success' }).textContent()).toContain(calendarNotice);
    expect((await focused(page)).text).toContain(calendarNotice);
    const after = await calendarAddress(page);
    expect(after).toMatch(/\/calendars\//);
    expect(after).not.toBe(before);
    if (javaScriptEnabled) await save(page, 'participant-page-new-calendar.png');
    await checkPage(page, javaScriptEnabled);

    // Leaving: the link to the confirmation step, then its button.
    await tabTo(page, (el) => el.tag === 'A' && el.text === 'leave the program');
    expect(await focusIsVisible(page)).toBe(true);
    await enterTo(page, /\/leave$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Leave the MetLib Learning Circle 2024?',
    );
    expect(await main.textContent()).toContain('Warning: This cannot be undone.');
    if (javaScriptEnabled) await save(page, 'participant-page-leave.png');
    await checkPage(page, javaScriptEnabled);
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Yes, leave the program');
    expect(await focusIsVisible(page)).toBe(true);
    await enterTo(page, /\?done=left$/);
    expect(await page.getByRole('alert', { name: 'Success' }).textContent()).toContain(
      'You have left the program. We have sent you an email confirming it.',
    );
    expect((await focused(page)).text).toContain('You have left the program.');
    expect(await main.textContent()).not.toContain(joinUrl);
    if (javaScriptEnabled) await save(page, 'participant-page-left.png');
    await checkPage(page, javaScriptEnabled);
    expect(problems).toEqual([]);
  });
});
