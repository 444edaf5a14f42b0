import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStaffPassword } from '../../local/settings.ts';
import { closeContexts, seriousAxeViolations, workerChromium } from '../support/browser.ts';
import { listing } from '../support/console-listing.ts';
import { consoleSession, type Focused, tabTo as tabToElement } from '../support/console-session.ts';
import { screenshot } from '../support/screenshots.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

/** Organizers and reviewers at the staff console, in Debian's Chromium, with the keyboard alone. */
let stack: WorkerStack;
let browser: Browser;
let config: { authority: string; client_id: string };
const ids: string[] = [];

const libraries = [
  { name: 'Oslo Public Library', city: 'Oslo', country: 'NO', candidate: 'Ola Nordmann' },
  { name: 'Biblioteca Pública de Bogotá', city: 'Bogotá', country: 'CO', candidate: 'Camila Rojas' },
  { name: 'Nairobi City Libraries', city: 'Nairobi', country: 'KE', candidate: 'Wanjiru Kamau' },
  { name: 'Helsinki City Library', city: 'Helsinki', country: 'FI', candidate: 'Aino Virtanen' },
];

beforeAll(async () => {
  stack = await testStack();
  const organizer = await stack.organizer();
  for (const [i, l] of libraries.entries()) {
    const body = nominationBody();
    body.library = { ...body.library, name: l.name, city: l.city, country: l.country };
    body.candidate = { ...body.candidate, name: l.candidate };
    body.project = { ...body.project, type: i % 2 ? 'partnerships' : 'new-major-branch' };
    ids.push((await stack.nominate(body)).id);
  }
  // One reviewed, so the table has a score to sort by.
  await stack.api('POST', `/nominations/${ids[2]}/transitions`, {
    token: organizer,
    body: { action: 'review', score: 4, note: 'Strong partnerships' },
  });
  config = (await stack.api('GET', '/staff/config.json')).json;
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

const session = (as: { groups: string[]; email: string }, expiresIn = 3600) =>
  consoleSession(browser, stack, config, as, { expiresIn });

/** A signed-in person at a page of the console. */
const signedIn = async (as: { groups: string[]; email: string }, path = '/staff/') => {
  const opened = await session(as);
  await opened.page.goto(`${stack.apiUrl}${path}`);
  return opened;
};

const tabTo = (page: Page, describe: (el: Focused) => boolean) => tabToElement(page, describe, 120);

const rowsShown = (page: Page) => page.locator('#nominations tbody tr td:first-child').allTextContents();

describe('the staff console', () => {
  it('is served with a strict CSP, cached assets, compression, and small', async () => {
    const index = await stack.api('GET', '/staff/');
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${new URL(config.authority).origin}`);
    expect(csp).toContain("frame-ancestors 'none'; base-uri 'none'");
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.text).not.toMatch(/<script>|<style>|style=/);
    // The first load: the entry script, its style sheet and the chunks the entry imports, preloaded.
    const assets = [...index.text.matchAll(/\/staff\/assets\/((?:app|chunk)-[\w-]+\.(?:js|css))/g)].map(
      (m) => m[1],
    );
    expect(assets.filter((name) => name?.startsWith('app-'))).toHaveLength(2);
    expect(index.text).toMatch(/<link rel="modulepreload" href="\/staff\/assets\/chunk-[\w-]+\.js">/);
    let compressed = 0;
    for (const name of assets) {
      const asset = await stack.api('GET', `/staff/assets/${name}`, {
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-encoding')).toBe('br');
      const plain = Buffer.from(asset.text);
      compressed += gzipSync(plain, { level: 9 }).length;
      expect(brotliCompressSync(plain).length).toBeLessThan(plain.length / 2);
    }
    // The whole first load, gzipped, stays under 60 KB.
    expect(compressed).toBeLessThan(60 * 1024);
    for (const path of ['/staff', '/staff/callback', `/staff/nominations/${ids[0]}`]) {
      expect((await stack.api('GET', path)).text).toBe(index.text);
    }
    expect((await stack.api('GET', '/staff/assets/nothing.js')).status).toBe(404);
    expect((await stack.api('GET', '/staff/config.json')).json).toMatchObject({
      client_id: 'staff-console',
      redirect_uri: `${stack.apiUrl}/staff/callback`,
      post_logout_redirect_uri: `${stack.apiUrl}/staff`,
      scope: 'openid email profile',
    });
  });

  it('lets an organizer filter, sort and open a nomination with the keyboard, the view in the URL', async () => {
    const { page, problems } = await signedIn({
      groups: ['organizers'],
      email: 'organizer@metlib.example.org',
    });
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
    const { page, problems } = await signedIn(
      { groups: ['organizers'], email: 'organizer@metlib.example.org' },
      `/staff/nominations/${id}`,
    );
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
    const { page } = await signedIn(
      { groups: ['reviewers'], email: 'reviewer1@metlib.example.org' },
      `/staff/nominations/${id}`,
    );
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
    const { page, problems } = await signedIn(reviewer, `/staff/nominations/${id}`);
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
    const { page, problems } = await signedIn(
      { groups: ['organizers'], email: 'organizer@metlib.example.org' },
      `/staff/nominations/${id}`,
    );
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
    const { page } = await signedIn({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
    await page.locator('#nominations').waitFor();
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Download as CSV');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('metlib-2024-nominations.csv');
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    for (const l of libraries) expect(text).toContain(l.name);
  });

  it('lets an organizer find, download and, after confirming, erase a person’s data with the keyboard', async () => {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name: 'Ilse Erasmus' };
    const created = { json: await stack.nominate(body) };
    const { page, problems } = await signedIn(
      { groups: ['organizers'], email: 'organizer@metlib.example.org' },
      '/staff/personal-data',
    );
    await page.getByRole('heading', { name: 'A person’s data' }).waitFor();
    await tabTo(page, (el) => el.id === 'personal-data-email');
    await page.keyboard.type('not an address');
    await page.keyboard.press('Enter');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('personal-data-email');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(body.candidate.email);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${body.candidate.email} is in 1 nomination` }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.text === 'Download a copy (JSON)');
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const copy = JSON.parse(readFileSync((await (await downloading).path()) ?? '', 'utf8'));
    expect(copy.nominations.map((n: { nomination: { id: string } }) => n.nomination.id)).toEqual([
      created.json.id,
    ]);

    await tabTo(page, (el) => el.text === 'Erase…');
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { name: `Erase everything stored about ${body.candidate.email}?` })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Nothing is erased before the confirmation.
    const organizer = await stack.organizer();
    expect((await stack.api('GET', `/nominations/${created.json.id}`, { token: organizer })).status).toBe(
      200,
    );
    await tabTo(page, (el) => el.text === 'Yes, erase it');
    await page.keyboard.press('Enter');
    await page.getByText(/^Erased: 1 nomination, \d+ stored items$/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await stack.api('GET', `/nominations/${created.json.id}`, { token: organizer })).status).toBe(
      404,
    );
    expect(problems).toEqual([]);
  });

  it('offers reviewers no way to a person’s data', async () => {
    const { page } = await signedIn(
      { groups: ['reviewers'], email: 'reviewer1@metlib.example.org' },
      '/staff/personal-data',
    );
    await page.locator('#nominations').waitFor();
    expect(await page.getByRole('link', { name: 'A person’s data' }).count()).toBe(0);
  });

  it('signs in at the OpenID provider, comes back to the page asked for, and signs out there', async () => {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/staff?country=KE`);
    await page.getByLabel('Email address').waitFor();
    expect(page.url().startsWith(config.authority)).toBe(true);
    await page.getByLabel('Email address').fill('reviewer2@metlib.example.org');
    await page.getByLabel('Password').fill(localStaffPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.apiUrl}/staff?country=KE`);
    await page.getByText('Signed in as reviewer2@metlib.example.org (Reviewer)').waitFor();
    await page.locator('#nominations').waitFor();
    expect(await rowsShown(page)).toEqual(['Wanjiru Kamau']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.href.startsWith(config.authority));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.apiUrl}/staff`));
    await page.getByLabel('Email address').waitFor();
    await context.close();
  });

  it('sends someone whose session ended to sign in, keeping the page to come back to', async () => {
    const { page } = await session({ groups: ['organizers'], email: 'organizer@metlib.example.org' }, -60);
    const authorizing = page.waitForRequest((r) => r.url().startsWith(`${config.authority}/auth`));
    await page.goto(`${stack.apiUrl}/staff/?country=NO`);
    const authorize = new URL((await authorizing).url());
    expect(authorize.searchParams.get('client_id')).toBe('staff-console');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${stack.apiUrl}/staff/callback`);
    // The sign-in state, kept by the console's origin, carries the page to return to.
    const state = authorize.searchParams.get('state') ?? '';
    const storage = await page.context().storageState();
    const stored = storage.origins
      .find((o) => o.origin === stack.apiUrl)
      ?.localStorage.find((item) => item.name.endsWith(state))?.value;
    expect(JSON.parse(stored ?? '{}').data).toEqual({ returnTo: '/staff/?country=NO' });
  });

  it('sorts and filters a table of 2,000 nominations in the browser, and logs how long each re-render takes', async () => {
    const items = listing(2000).map((n) => ({ ...n, programId: 'metlib-2024' }));
    const { page } = await session({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
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
    const { page, problems } = await signedIn(
      { groups: ['organizers'], email: 'organizer@metlib.example.org' },
      `/staff/nominations/${created.json.id}`,
    );
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
