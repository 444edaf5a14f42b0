import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { epochSeconds } from '../../shared/domain/time.ts';
import { scriptProblems, workerChromium } from './browser.ts';
import { testStack, type WorkerStack } from './test-stack.ts';

export type Focused = { tag: string; text: string; id: string };

/** The console's sign-in settings, as its config.json gives them. */
export type ConsoleConfig = { authority: string; client_id: string };

/** What a browser test of the console works with. */
export interface ConsoleFixture {
  stack: WorkerStack;
  /** An organizer's token, for the API. */
  organizer: string;
  config: ConsoleConfig;
  browser: Browser;
}

/** What a console's tab is opened with: the worker's Chromium, its stack, the console's config. */
export type ConsoleAt = Pick<ConsoleFixture, 'browser' | 'stack' | 'config'>;

/**
 * For a file's `beforeAll`: the worker's stack reset for the file (`testStack`), an organizer's
 * token, the console's config and the worker's Chromium. The file keeps what it gets, and closes
 * its contexts in its `afterAll` (`closeContexts`).
 */
export const consoleFixture = async (options: { clockStart?: string } = {}): Promise<ConsoleFixture> => {
  const stack = await testStack(options);
  return {
    stack,
    organizer: await stack.organizer(),
    config: (await stack.api('GET', '/staff/config.json')).json,
    browser: await workerChromium(),
  };
};

/**
 * A signed-in console tab as oidc-client-ts keeps its session (sessionStorage,
 * `oidc.user:<authority>:<client>`), holding a token of the local signing key: the one place
 * the browser tests know how the console signs in. `problems` collects the page's script errors.
 */
export const consoleSession = async (
  { browser, stack, config }: ConsoleAt,
  as: { groups: string[]; email: string },
  options: { expiresIn?: number; viewport?: { width: number; height: number } } = {},
) => {
  const expiresIn = options.expiresIn ?? 3600;
  const token = await stack.token({ ...as, expiresIn: epochSeconds(Date.now()) + expiresIn });
  const user = {
    id_token: token,
    access_token: token,
    token_type: 'Bearer',
    scope: 'openid email profile',
    profile: decodeJwt(token),
    expires_at: epochSeconds(Date.now()) + expiresIn,
  };
  const context = await browser.newContext({
    timezoneId: 'UTC',
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem(key as string)) sessionStorage.setItem(key as string, value as string);
    },
    [`oidc.user:${config.authority}:${config.client_id}`, JSON.stringify(user)],
  );
  const page = await context.newPage();
  return { page, problems: scriptProblems(page) };
};

/** What has the keyboard focus: its tag, text and id. */
export const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const a = document.activeElement as HTMLElement | null;
    return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim(), id: a?.id ?? '' };
  });

/** Presses Tab until the focused element is the one asked for, as a keyboard user would. */
export const tabTo = async (page: Page, describe: (el: Focused) => boolean, limit = 200) => {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (describe(await focused(page))) return;
  }
  const buttons = await page.locator('button').allTextContents();
  const heading = await page.locator('h1').first().textContent();
  throw new Error(
    `Tabbed through the page "${heading}" without reaching the element; its buttons: ${buttons.join(' | ')}`,
  );
};

export type StaffMember = { groups: string[]; email: string };
export const asOrganizer: StaffMember = { groups: ['organizers'], email: 'organizer@metlib.example.org' };
export const asReviewer: StaffMember = { groups: ['reviewers'], email: 'reviewer1@metlib.example.org' };

/**
 * The console's sections a reviewer sees in its navigation, in order (organizers see more): one
 * list, so a new section changes one line of the tests.
 */
export const reviewerSections = [
  'Nominations',
  'Cohort',
  'Mentoring groups',
  'Announcements',
  'Attendance',
  'Evaluation',
];

/** The links of the console's navigation, as shown. */
export const sectionsShown = (page: Page) =>
  page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();

/**
 * Someone signed in at a page of the console on a desktop-sized window, once `drawn` (a selector)
 * shows: by default the first page and its table of nominations.
 */
export const openConsole = async (
  fixture: ConsoleAt,
  as: StaffMember,
  at: { path?: string; drawn?: string } = {},
) => {
  const opened = await consoleSession(fixture, as, { viewport: { width: 1280, height: 900 } });
  await opened.page.goto(`${fixture.stack.apiUrl}${at.path ?? '/staff/'}`);
  await opened.page.locator(at.drawn ?? '#nominations').waitFor();
  return opened;
};

/** Waits for the focus to land on the element of this id (a component moves it once drawn). */
export const focusLandsOn = (page: Page, id: string) =>
  page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 5000 });

/**
 * Types a wall time into a `datetime-local` input that has the focus on its first part, as
 * Chromium shows it in the browser's (American) locale: month, day, year, hour, minute, AM/PM.
 * Each part moves on to the next once full, but the year (which may have six digits): Tab does.
 */
export const typeWallTime = async (page: Page, wall: string) => {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall) ?? [];
  const h = Number(hour);
  const twelve = String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0');
  await page.keyboard.type(`${month}${day}${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${twelve}${minute}${h < 12 ? 'A' : 'P'}`);
};

/** Replaces what a text field holds, as a keyboard user does: to it with Tab, select all, type over it. */
export const typeOver = async (page: Page, id: string, text: string) => {
  await tabTo(page, (el) => el.id === id);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
};

/** Tabs to the button (or, with `tag` 'A', the link) of this text and presses Enter, as a keyboard user does. */
export const press = async (page: Page, text: string, tag: 'BUTTON' | 'A' = 'BUTTON') => {
  await tabTo(page, (el) => el.tag === tag && el.text === text);
  await page.keyboard.press('Enter');
};

/**
 * The console's own way to a page: its navigation's link, with the keyboard, then its heading
 * (the link's text unless said) and `drawn` (a selector) shown.
 */
export const navigateTo = async (page: Page, link: string, drawn: string, heading = link) => {
  await press(page, link, 'A');
  await page.getByRole('heading', { name: heading, level: 1, exact: true }).waitFor();
  await page.locator(drawn).waitFor();
};

/** A table's body rows, each as its cells' texts (the row heading first). */
export const tableRows = (page: Page, table: string) =>
  page
    .locator(`${table} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
    );

/** The error summary holding `text`, once it has the focus, as its text. */
export const refusal = async (page: Page, text: string) => {
  const summary = page.locator('#error-summary', { hasText: text });
  await summary.waitFor();
  await focusLandsOn(page, 'error-summary');
  return summary.textContent();
};

/** The notification banner holding `text`, as its text, once it shows (and `drawn`, if given, with it). */
export const banner = async (page: Page, text: string, drawn?: string) => {
  const shown = page.locator('.govuk-notification-banner', { hasText: text });
  await shown.waitFor();
  if (drawn) await page.locator(drawn).waitFor();
  return shown.textContent();
};

/**
 * From the error summary, which has the focus, its first link with the keyboard: the link is
 * checked to be `text`; the id of the field the focus goes to is returned.
 */
export const followFirstLink = async (page: Page, text: string) => {
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'A', text });
  await page.keyboard.press('Enter');
  return (await focused(page)).id;
};
