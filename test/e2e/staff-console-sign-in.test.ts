import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStaffPassword } from '../../local/settings.ts';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import { asOrganizer, asReviewer, type ConsoleConfig, consoleSession } from '../support/console-session.ts';
import {
  type NominationsFixture,
  rowsShown,
  setUpNominations,
  signedIn,
  tabTo,
} from '../support/pages/nominations.ts';
import { nominationBody, type WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers and reviewers at the staff console, in Debian's Chromium, with the keyboard alone:
 * the console as served (a strict CSP, cached and compressed assets, the first load at most 60 KB
 * compressed); signing in at the local OpenID provider and out there; a session that has ended
 * sent to sign in and back; and a person's data found, downloaded and erased by an organizer,
 * reviewers offered no way to it. The nominations' table and a nomination's page are
 * staff-console-nominations'.
 */
let fixture: NominationsFixture;
let stack: WorkerStack;
let browser: Browser;
let config: ConsoleConfig;
let ids: string[];

beforeAll(async () => {
  fixture = await setUpNominations();
  ({ stack, browser, config, ids } = fixture);
});
afterAll(() => closeContexts(browser));

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

  it('lets an organizer find, download and, after confirming, erase a person’s data with the keyboard', async () => {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name: 'Ilse Erasmus' };
    const created = { json: await stack.nominate(body) };
    const { page, problems } = await signedIn(fixture, asOrganizer, '/staff/personal-data');
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

  it('finds and erases an address a correction replaced, where the history and emails still quote it', async () => {
    const body = nominationBody();
    const former = body.candidate.email;
    const { id } = await stack.nominate(body);
    const organizer = await stack.organizer();
    const { version } = (await stack.api('GET', `/nominations/${id}`, { token: organizer })).json;
    const corrected = await stack.api('PATCH', `/nominations/${id}`, {
      token: organizer,
      body: { candidate: { email: `now-${former}` }, expectedVersion: version },
    });
    expect(corrected.status).toBe(200);
    const { page, problems } = await signedIn(fixture, asOrganizer, '/staff/personal-data');
    await tabTo(page, (el) => el.id === 'personal-data-email');
    await page.keyboard.type(former);
    await page.keyboard.press('Enter');
    await page
      .getByRole('heading', { name: `${former} was in 1 nomination until a correction replaced it` })
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await tabTo(page, (el) => el.text === 'Erase…');
    await page.keyboard.press('Enter');
    await tabTo(page, (el) => el.text === 'Yes, erase it');
    await page.keyboard.press('Enter');
    await page.getByText(/the former address wherever 1 nomination quoted it$/).waitFor();
    // The nomination stays, naming the candidate's present address.
    const kept = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(kept.json.candidate.email).toBe(`now-${former}`);
    expect(JSON.stringify(kept.json)).not.toContain(`"${former}"`);
    await tabTo(page, (el) => el.id === 'personal-data-email');
    await page.keyboard.type(former);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Nothing is stored about ${former}` }).waitFor();
    expect(problems).toEqual([]);
  });

  it('offers reviewers no way to a person’s data', async () => {
    const { page } = await signedIn(fixture, asReviewer, '/staff/personal-data');
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
    const { page } = await consoleSession(fixture, asOrganizer, { expiresIn: -60 });
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
});
