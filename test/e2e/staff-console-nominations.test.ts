import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import { listing } from '../support/console-listing.ts';
import { asOrganizer, asReviewer, consoleSession } from '../support/console-session.ts';
import {
  libraries,
  type NominationsFixture,
  rowsShown,
  setUpNominations,
  signedIn,
  tabTo,
} from '../support/pages/nominations.ts';
import { screenshot } from '../support/screenshots.ts';
import { nominationBody, type WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers and reviewers at the staff console's nominations, in Debian's Chromium, with the
 * keyboard alone: the table filtered, sorted and a nomination opened, the view in the URL; a
 * version conflict shown with the new state; a reviewer's review and a conflict of interest; a
 * correction; the CSV; 2,000 rows re-rendered; and an address that bounced. Serving, signing in
 * and a person's data are staff-console-sign-in's.
 */
let fixture: NominationsFixture;
let stack: WorkerStack;
let ids: string[];

beforeAll(async () => {
  fixture = await setUpNominations();
  ({ stack, ids } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

describe('the staff console', () => {
  it('lets an organizer filter, sort and open a nomination with the keyboard, the view in the URL', async () => {
    const { page, problems } = await signedIn(fixture, asOrganizer);
    await page.locator('#nominations').waitFor();
    expect(await page.getByText('Signed in as organizer@metlib.example.org (Organizer)').isVisible()).toBe(
      true,
    );
    expect(await rowsShown(page)).toHaveLength(libraries.length);
    await screenshot(page, 'console-nominations.png');

    await tabTo(page, (el) => el.id === 'filter-country');
    await page.keyboard.type('Kenya');
    await page.waitForURL(/country=KE/);
    expect(await rowsShown(page)).toEqual(['Wanjiru Kamau']);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('country'));
    expect(await rowsShown(page)).toHaveLength(libraries.length);

    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Candidate'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=candidate&dir=asc/);
    expect(await rowsShown(page)).toEqual([...libraries.map((l) => l.candidate)].sort());
    expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('Candidate');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=candidate&dir=desc/);
    expect(await rowsShown(page)).toEqual([...libraries.map((l) => l.candidate)].sort().reverse());

    // A link reproduces the view.
    const view = page.url();
    const again = await page.context().newPage();
    await again.goto(view);
    await again.locator('#nominations').waitFor();
    expect(await rowsShown(again)).toEqual(await rowsShown(page));

    await tabTo(page, (el) => el.tag === 'A' && el.text === 'Ola Nordmann');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/nominations\//);
    await page.getByRole('heading', { name: 'Ola Nordmann' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goBack();
    await page.locator('#nominations').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('selects a nomination with the version shown, and shows the new state when someone changed it', async () => {
    const id = ids[2] as string;
    const { page, problems } = await signedIn(fixture, asOrganizer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Wanjiru Kamau' }).waitFor();
    expect(await page.locator('#version').textContent()).toBe('3');
    expect(await page.getByText('Strong partnerships').isVisible()).toBe(true);
    expect(await page.getByText('Biblioteca').count()).toBe(0);
    await screenshot(page, 'console-nomination.png');

    // Meanwhile a reviewer reviews it: the page still shows version 3.
    const reviewed = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: await stack.reviewer(),
      body: { action: 'review', score: 3 },
    });
    expect(reviewed.status).toBe(200);
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Select');
    await page.keyboard.press('Enter');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Someone else changed this nomination');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await page.locator('#version', { hasText: '4' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Select');
    await page.keyboard.press('Enter');
    await page.getByText('Selected', { exact: true }).first().waitFor();
    await page.locator('#version', { hasText: '5' }).waitFor();
    const stored = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(stored.json).toMatchObject({ status: 'selected', version: 5 });
    expect(problems).toEqual([]);
  });

  it('lets a reviewer send a review with a score, and offers no decision', async () => {
    const id = ids[3] as string;
    const { page } = await signedIn(fixture, asReviewer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Aino Virtanen' }).waitFor();
    expect(await page.getByRole('button', { name: 'Select' }).count()).toBe(0);
    await tabTo(page, (el) => el.id === 'score-1');
    // Arrow keys move through a radio group.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Clear plan, strong partners.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Review saved').waitFor();
    const stored = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(stored.json.history.at(-1)).toMatchObject({
      action: 'review',
      score: 4,
      note: 'Clear plan, strong partners.',
    });
  });

  it('lets a reviewer declare a conflict of interest, and then not review', async () => {
    const id = ids[1] as string;
    const reviewer = { groups: ['reviewers'], email: 'reviewer3@metlib.example.org' };
    const { page, problems } = await signedIn(fixture, reviewer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Camila Rojas' }).waitFor();
    await tabTo(page, (el) => el.id === 'conflict-note');
    await page.keyboard.type('She worked in my library until 2023.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Conflict of interest declared').waitFor();
    const review = await stack.api('POST', `/nominations/${id}/transitions`, {
      token: await stack.token(reviewer),
      body: { action: 'review', score: 5 },
    });
    expect(review.status).toBeGreaterThanOrEqual(400);
    expect(problems).toEqual([]);
  });

  it('lets an organizer correct a name, and says in words what is wrong with an address', async () => {
    const id = ids[0] as string;
    const { page, problems } = await signedIn(fixture, asOrganizer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Ola Nordmann' }).waitFor();
    await tabTo(page, (el) => el.tag === 'SUMMARY');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Ola Normann');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('not an address');
    await tabTo(page, (el) => el.text === 'Save the correction');
    await page.keyboard.press('Enter');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('correct-candidate-email');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('ola.normann@library.example.org');
    await tabTo(page, (el) => el.id === 'correct-note');
    await page.keyboard.type('Spelling, as in the passport');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Correction saved').waitFor();
    await page.getByRole('heading', { name: 'Ola Normann' }).waitFor();
    const stored = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(stored.json.candidate).toMatchObject({
      name: 'Ola Normann',
      email: 'ola.normann@library.example.org',
    });
    expect(problems).toEqual([]);
  });

  it('lets an organizer download the nominations as CSV', async () => {
    const { page } = await signedIn(fixture, asOrganizer);
    await page.locator('#nominations').waitFor();
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Download as CSV');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('metlib-2024-nominations.csv');
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    for (const l of libraries) expect(text).toContain(l.name);
  });

  it('sorts and filters a table of 2,000 nominations in the browser, and logs how long each re-render takes', async () => {
    const items = listing(2000).map((n) => ({ ...n, programId: 'metlib-2024' }));
    const { page } = await consoleSession(fixture, asOrganizer);
    await page.route(/\/programs\/metlib-2024\/nominations\?/, (route) =>
      route.fulfill({ json: { items }, headers: { 'content-type': 'application/json' } }),
    );
    await page.goto(`${stack.apiUrl}/staff/`);
    await page.getByText('2000 nominations').waitFor();
    expect(await rowsShown(page)).toHaveLength(50);
    // From the click to the new table laid out. Nine of each: the fastest is what the code costs,
    // the median what it cost on this machine, shared as it is with the other tests.
    const timings = await page.evaluate(async () => {
      const time = async (act: () => void) => {
        const started = performance.now();
        act();
        // Preact renders in a microtask; reading a size makes the browser lay the page out.
        await Promise.resolve();
        await Promise.resolve();
        void document.body.offsetHeight;
        const took = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return took;
      };
      const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
      const button = (name: string) =>
        Array.from(document.querySelectorAll<HTMLButtonElement>('th button')).find(
          (b) => b.textContent === name,
        );
      const country = document.querySelector<HTMLSelectElement>('#filter-country');
      const choose = (code: string) => () => {
        if (!country) return;
        country.value = code;
        country.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const result: Record<string, { fastest: number; median: number }> = {};
      for (const [name, act] of [
        ['sort by average', () => button('Average score')?.click()],
        ['sort by country', () => button('Country')?.click()],
        ['filter by country', (i: number) => choose(i % 2 ? 'NO' : 'KE')()],
        ['clear the filter', (i: number) => choose(i % 2 ? 'KE' : '')()],
      ] as const) {
        const runs: number[] = [];
        for (let i = 0; i < 9; i++) runs.push(await time(() => act(i)));
        result[name] = {
          fastest: Math.round(sorted(runs)[0] ?? 0),
          median: Math.round(sorted(runs)[Math.floor(runs.length / 2)] ?? 0),
        };
      }
      choose('KE')();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return result;
    });
    // Logged, not asserted: timings on a shared machine are for the bench to compare, not a test.
    console.log('Re-render of 2,000 nominations, ms:', timings);
    expect(Object.keys(timings)).toHaveLength(4);
    expect(await page.locator('#result-count').textContent()).toContain('250 of 2000');
    const countries = await page.locator('#nominations tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(countries)).toEqual(new Set(['Kenya']));
  });
  it('shows an address that bounced for good, and offers to send the email again', async () => {
    const bouncing = `bounce+console-${Date.now()}@simulator.amazonses.com`;
    const created = { json: await stack.nominate(nominationBody({ candidateEmail: bouncing })) };
    // The mailer sends the acknowledgement; the mailbox simulator reports the bounce.
    await stack.poller.drained();
    await stack.poller.drained();
    const { page, problems } = await signedIn(fixture, asOrganizer, `/staff/nominations/${created.json.id}`);
    const warning = page.locator('#undeliverable');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`The candidate’s address ${bouncing} bounced on`);
    expect(await warning.textContent()).toContain('smtp; 550 5.1.1 user unknown');
    const row = page.locator('tr', { hasText: 'Nomination received' });
    expect(await row.textContent()).toContain('sent, bounced');
    await screenshot(page, 'console-bounce.png');
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text.startsWith('Send again'));
    await page.keyboard.press('Enter');
    await page.getByText('The email is queued to be sent again').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
