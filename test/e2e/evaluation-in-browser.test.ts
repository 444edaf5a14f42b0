import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Two participants answer the hosted evaluation in Debian's Chromium, one with JavaScript off
 * and one with it on, with the keyboard alone: a required question left out is named in the
 * error summary, whose link puts the focus on it; the answers are saved, shown again and changed.
 * Once the evaluation has closed the form is read-only and an answer is refused. axe-core at
 * each state of the page, and its screenshot for the docs.
 */
let stack: WorkerStack;
let browser: Browser;
/** Each participant's candidate address, one for each run. */
const participants: Record<'off' | 'on', string> = { off: '', on: '' };

beforeAll(async () => {
  stack = await testStack();
  const organizer = await stack.organizer();
  for (const [script, name] of [
    ['off', 'Amara Okafor'],
    ['on', 'Tomás Silva'],
  ] as const) {
    participants[script] = (await seedNomination(stack, organizer, name)).email;
  }
  // Five days into the evaluation, which opened on 5 March 2025 and closes at the end of 26 March.
  await stack.advanceTo('2025-03-10T12:00:00Z');
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

/** The path of a participant's evaluation, from the newest email to them that links their page. */
const evaluationPath = async (email: string) => `${await stack.participantPage(email)}/evaluation`;

const open = (javaScriptEnabled: boolean, path: string) =>
  openPage(browser, `${stack.apiUrl}${path}`, { javaScriptEnabled });

/**
 * axe-core's serious and critical violations; with JavaScript off the page is scanned in a tab
 * with it on: the same address for a page got by GET, else (the form shown again after a refused
 * POST) the same markup.
 */
const scan = (page: Page, javaScriptEnabled: boolean, fromPost = false) =>
  seriousAxeViolationsEitherWay(browser, page, javaScriptEnabled, async (twin) => {
    if (fromPost) await twin.setContent(await page.content());
    else {
      await twin.goto(page.url());
      expect(await twin.content()).toBe(await page.content());
    }
  });

const checkPage = async (page: Page, javaScriptEnabled: boolean, fromPost = false) => {
  expect(await scan(page, javaScriptEnabled, fromPost)).toEqual([]);
  // The error summary's heading stands above the page's h1 after a refusal.
  expect(await headingsInOrder(page, { summaryAbove: true })).toBe(true);
  expect(await page.locator('script').count()).toBe(0);
};

/** Chooses a rating by keyboard: Tab to the group, Space on its first radio, arrows down to it. */
const rate = async (page: Page, question: string, score: number) => {
  await tabTo(page, (el) => el.id === `q-${question}-first`);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Space');
  for (let i = 1; i < score; i++) await page.keyboard.press('ArrowDown');
};

const write = async (page: Page, question: string, text: string) => {
  await tabTo(page, (el) => el.id === `q-${question}`);
  await page.keyboard.type(text);
};

/** Presses the form's button with Enter, and waits for the page the answer leads to. */
const send = async (page: Page, button: string) => {
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === button);
  expect(await focusIsVisible(page)).toBe(true);
  // The page after a refusal has the same address as the form: wait for the navigation itself.
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
};

const checked = (page: Page, id: string) => page.locator(`#${id}`).isChecked();

describe.each([
  ['off', false],
  ['on', true],
] as const)('the evaluation, JavaScript %s', (script, javaScriptEnabled) => {
  it('is answered by keyboard: a missing answer named and linked, then saved, shown and changed', {
    timeout: 120_000,
  }, async () => {
    const path = await evaluationPath(participants[script]);
    const { page, problems } = await open(javaScriptEnabled, path);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Evaluate the MetLib Learning Circle 2024',
    );
    expect(await page.locator('main').textContent()).toContain('until the end of Wednesday 26 March 2025');
    // Each rating and the recommendation are radios in a fieldset named by its question.
    for (const name of [
      'How useful was the learning circle for your work?',
      'Would you recommend the learning circle to a colleague?',
    ])
      expect(await page.getByRole('group', { name }).getByRole('radio').count()).toBeGreaterThan(1);
    await checkPage(page, javaScriptEnabled);

    // Every answer but the meetings' rating, which is required.
    await rate(page, 'overall', 4);
    await rate(page, 'mentoring', 5);
    await rate(page, 'conference', 3);
    await write(page, 'learned', 'How to run a community consultation <in a week>.');
    await tabTo(page, (el) => el.id === 'q-recommend-first');
    await page.keyboard.press('Space');
    await send(page, 'Send my answers');

    // The form again, the answers given kept, the missing one named first and linked.
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading', { level: 2 }).textContent()).toBe('There is a problem');
    const link = summary.getByRole('link');
    expect(await link.allTextContents()).toEqual(['Answer “How valuable were the monthly meetings?”']);
    expect((await focused(page)).id).toBe('error-summary');
    expect(await checked(page, 'q-overall-4')).toBe(true);
    expect(await checked(page, 'q-conference-3')).toBe(true);
    expect(await page.locator('#q-learned').inputValue()).toBe(
      'How to run a community consultation <in a week>.',
    );
    expect(await page.locator('#q-meetings-error').textContent()).toContain(
      'Answer “How valuable were the monthly meetings?”',
    );
    await checkPage(page, javaScriptEnabled, true);
    if (javaScriptEnabled) await screenshot(page, 'evaluation-error.png');

    // The summary's link puts the focus on the question's first choice.
    await tabTo(page, (el) => el.tag === 'A' && el.text.startsWith('Answer “How valuable were the monthly'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'q-meetings-first');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await send(page, 'Send my answers');
    expect(page.url()).toMatch(/\/evaluation\?done=saved$/);
    expect(await page.getByRole('alert').textContent()).toContain('Your answers are saved. Thank you.');
    expect((await focused(page)).text).toContain('Your answers are saved.');
    expect(await checked(page, 'q-meetings-2')).toBe(true);
    await checkPage(page, javaScriptEnabled);
    if (javaScriptEnabled) {
      await screenshot(page, 'evaluation-form.png');
    }

    // Opened again: the answers as saved, one changed and saved.
    await page.goto(`${stack.apiUrl}${path}`);
    expect(await page.locator('main').textContent()).toContain('These are your answers so far');
    expect(await checked(page, 'q-overall-4')).toBe(true);
    expect(await checked(page, 'q-mentoring-5')).toBe(true);
    expect(await checked(page, 'q-recommend-first')).toBe(true);
    expect(await page.locator('#q-improve').inputValue()).toBe('');
    await checkPage(page, javaScriptEnabled);
    // Tab reaches a group at its chosen radio; an arrow up chooses the one before.
    await tabTo(page, (el) => el.id === 'q-overall-4');
    await page.keyboard.press('ArrowUp');
    await write(page, 'improve', 'More time between the meetings.');
    await send(page, 'Save my changes');
    expect(page.url()).toMatch(/\?done=saved$/);
    await page.goto(`${stack.apiUrl}${path}`);
    expect(await checked(page, 'q-overall-3')).toBe(true);
    expect(await page.locator('#q-improve').inputValue()).toBe('More time between the meetings.');
    expect(await page.locator('input[name=version]').inputValue()).toBe('2');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe('after the evaluation has closed', () => {
  it('shows the answers read-only and refuses a new one', { timeout: 60_000 }, async () => {
    await stack.advanceTo('2025-03-27T12:00:00Z');
    for (const [script, javaScriptEnabled] of [
      ['off', false],
      ['on', true],
    ] as const) {
      const path = await evaluationPath(participants[script]);
      const { page, problems } = await open(javaScriptEnabled, path);
      expect(await page.locator('main').textContent()).toContain(
        'The evaluation closed at the end of Wednesday 26 March 2025. These are the answers you gave.',
      );
      expect(await checked(page, 'q-overall-3')).toBe(true);
      expect(await page.locator('#evaluation input:not([type=hidden]), #evaluation textarea').count()).toBe(
        await page.locator('#evaluation :disabled').count(),
      );
      expect(await page.getByRole('button').count()).toBe(0);
      await checkPage(page, javaScriptEnabled);
      if (javaScriptEnabled) await screenshot(page, 'evaluation-closed.png');
      // An answer sent anyway, as the form would send it: refused, and said why.
      const refused = await stack.api('POST', path, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        raw: new URLSearchParams({
          version: '2',
          overall: '5',
          meetings: '5',
          mentoring: '5',
          conference: '5',
          recommend: 'yes',
        }).toString(),
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('answers can no longer be given or changed');
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });
});
