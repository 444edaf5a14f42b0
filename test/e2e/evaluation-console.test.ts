import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  type ConsoleFixture,
  consoleFixture,
  focused,
  navigateTo,
  openConsole,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tableRows,
  tabTo,
} from '../support/console-session.ts';
import { screenshot } from '../support/screenshots.ts';
import { seedNomination } from '../support/seed.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Staff read the program's evaluation in the console, in Debian's Chromium, with the keyboard
 * alone: how many of the participants answered, the share who would recommend the program, each
 * rating's spread and average, the written answers as given, and the answers as CSV.
 */
let fixture: ConsoleFixture;
let stack: WorkerStack;

/** Three of the four participants answer; the fourth does not. */
const answers = [
  {
    overall: 5,
    meetings: 4,
    mentoring: 4,
    conference: 5,
    learned: 'Listening before planning <b>really</b> works.',
    recommend: true,
  },
  { overall: 4, meetings: 4, mentoring: 3, conference: 4, improve: 'Shorter meetings.', recommend: true },
  { overall: 2, meetings: 3, mentoring: 2, conference: 3, recommend: false },
];

beforeAll(async () => {
  fixture = await consoleFixture();
  ({ stack } = fixture);
  const { organizer } = fixture;
  const emails: string[] = [];
  for (const name of ['Ola Nordmann', 'Camila Rojas', 'Wanjiru Kamau', 'Aino Virtanen']) {
    emails.push((await seedNomination(stack, organizer, name)).email);
  }
  // Inside the evaluation, which opened on 5 March 2025 and closes at the end of 26 March.
  await stack.advanceTo('2025-03-10T12:00:00Z');
  for (const [i, given] of answers.entries()) {
    const page = await stack.participantPage(emails[i] ?? '');
    const saved = await stack.api('POST', `${page}/evaluation`, { body: given });
    if (saved.status !== 200) throw new Error(`The evaluation answered ${saved.status}: ${saved.text}`);
  }
});
afterAll(() => closeContexts(fixture?.browser));

const signedIn = (as: StaffMember) => openConsole(fixture, as);

/** The console's own way to the page: its navigation, with the keyboard. */
const toEvaluation = (page: Page) => navigateTo(page, 'Evaluation', '#evaluation-responded');

describe('the Evaluation page', { timeout: 90_000 }, () => {
  it('shows an organizer who answered, the recommendation, each rating and the written answers; axe-core clean', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toEvaluation(page);
    expect(page.url()).toMatch(/\/staff\/evaluation$/);
    expect(await page.locator('#evaluation-state').textContent()).toBe(
      'Open: participants can answer and change their answers until the end of Wednesday 26 March 2025.',
    );
    expect(await page.locator('#evaluation-responded').textContent()).toBe('3 of 4 participants answered');
    expect(await page.locator('#evaluation-recommend').textContent()).toBe(
      '67% would recommend the learning circle to a colleague',
    );
    expect(await page.locator('#evaluation-recommend-counts').textContent()).toBe(
      '2 yes, 1 no, of 3 answers',
    );
    // Each rating as a table with a caption, a score per row, its count and its share.
    const overall = page.getByRole('table', {
      name: 'Answers to “How useful was the learning circle for your work?”, by score',
    });
    expect(await overall.getByRole('rowheader').allTextContents()).toEqual([
      '5 – extremely',
      '4 – very',
      '3 – somewhat',
      '2 – a little',
      '1 – not at all',
    ]);
    expect(await tableRows(page, '#evaluation-overall')).toEqual([
      ['5 – extremely', '1', '33%'],
      ['4 – very', '1', '33%'],
      ['3 – somewhat', '0', '0%'],
      ['2 – a little', '1', '33%'],
      ['1 – not at all', '0', '0%'],
    ]);
    expect(await page.locator('#evaluation-overall-average').textContent()).toBe(
      'Average 3.67 out of 5, from 3 answers.',
    );
    expect(await page.locator('#evaluation-meetings-average').textContent()).toBe(
      'Average 3.67 out of 5, from 3 answers.',
    );
    expect(await page.locator('#evaluation-conference-average').textContent()).toBe(
      'Average 4 out of 5, from 3 answers.',
    );
    // The written answers as given, markup shown as text.
    expect(await page.locator('#evaluation-learned li').allTextContents()).toEqual([
      'Listening before planning <b>really</b> works.',
    ]);
    expect(await page.locator('#evaluation-improve li').allTextContents()).toEqual(['Shorter meetings.']);
    expect(await page.locator('#evaluation-learned b').count()).toBe(0);
    // No names on the page: answers are read without them.
    expect(await page.locator('main').textContent()).not.toContain('Camila Rojas');
    expect(await page.getByRole('link', { name: 'Evaluation' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The picture for the docs without the keyboard's focus on the navigation.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'console-evaluation.png');
    expect(problems).toEqual([]);
  });

  it('downloads the answers as CSV with the keyboard', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toEvaluation(page);
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Download the answers (CSV)');
    expect((await focused(page)).id).toBe('evaluation-download');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('evaluation-metlib-2024.csv');
    const lines = readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('response,submittedAt,updatedAt,overall,meetings');
    expect(lines).toHaveLength(4);
    await page.getByRole('status').filter({ hasText: 'Downloaded.' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a reviewer the same results, the page in their navigation', async () => {
    const { page, problems } = await signedIn(asReviewer);
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    await toEvaluation(page);
    expect(await page.locator('#evaluation-responded').textContent()).toBe('3 of 4 participants answered');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows the final answers once the evaluation has closed', async () => {
    await stack.advanceTo('2025-03-27T12:00:00Z');
    const { page, problems } = await signedIn(asOrganizer);
    await toEvaluation(page);
    expect(await page.locator('#evaluation-state').textContent()).toBe(
      'Closed at the end of Wednesday 26 March 2025: these are the final answers.',
    );
    expect(await page.locator('#evaluation-responded').textContent()).toBe('3 of 4 participants answered');
    expect(problems).toEqual([]);
  });
});
