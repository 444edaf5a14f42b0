import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  consoleSession,
  focused,
  focusLandsOn,
  navigateTo,
  press,
  tableRows,
  tabTo,
} from '../support/console-session.ts';
import { type CohortFixture, cohortNow, seeds, setUpCohort } from '../support/pages/cohort.ts';
import { screenshot } from '../support/screenshots.ts';
import type { Step, WorkerStack } from '../support/test-stack.ts';

/**
 * Composing the cohort in the staff console, in Debian's Chromium, with the keyboard alone: the
 * cohort page against the API's figures, several nominations decided at once after a preview, a
 * travel stipend and a Global South correction, and the reserve list with a place offered.
 */
let fixture: CohortFixture;
let stack: WorkerStack;
let organizer: string;
let id: Record<string, string>;

beforeAll(async () => {
  fixture = await setUpCohort();
  ({ stack, organizer, id } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const transition = (nomination: string, step: Step) => stack.takeThrough(nomination, [step], organizer);

/** An organizer signed in at a page of the console. */
const signedIn = async (path = '/staff/') => {
  const opened = await consoleSession(fixture, asOrganizer, {
    viewport: { width: 1280, height: 900 },
  });
  await opened.page.goto(`${stack.apiUrl}${path}`);
  return opened;
};

/** The console's own way to the cohort page: its navigation, with the keyboard. */
const toCohortPage = (page: Page) => navigateTo(page, 'Cohort', '#places-taken', 'The cohort');

const save = (page: Page, name: string) => screenshot(page, name);

describe('the cohort in the staff console', () => {
  it('shows the composition as the API computes it, its warnings linking to the nominations', async () => {
    const { page, problems } = await signedIn();
    await page.locator('#nominations').waitFor();
    await toCohortPage(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/cohort`);
    const api = await cohortNow(fixture);
    expect(api.places).toEqual({ taken: 3, min: 15, max: 20 });
    expect(await page.locator('#places-taken').textContent()).toBe('3 of 15–20');
    expect(await page.locator('#stipends-awarded').textContent()).toBe(
      `${api.stipends.awarded} of ${api.stipends.max}`,
    );
    expect(await page.locator('#undecided-count').textContent()).toBe(String(api.undecided));
    expect(await tableRows(page, '#by-country')).toEqual(
      api.byCountry.map((t) => [t.label, String(t.count)]),
    );
    expect(await tableRows(page, '#by-city')).toEqual(api.byCity.map((t) => [t.label, String(t.count)]));
    expect(await tableRows(page, '#by-project-type')).toEqual(
      api.byProjectType.map((t) => [t.label, String(t.count)]),
    );
    expect(await page.locator('#by-region').textContent()).toContain('Northern Europe');
    const stipends = await page.locator('#stipends').textContent();
    expect(stipends).toContain(`Requested: participation depends on one${api.stipends.requested}`);
    expect(stipends).toContain(`Eligible: from the Global South${api.stipends.eligible}`);
    expect((await tableRows(page, '#participants')).map((r) => r[0]).sort()).toEqual([
      'Camila Rojas',
      'Kari Hansen',
      'Ola Nordmann',
    ]);

    // Two participants from Oslo: the warning names both, each a link to the nomination.
    const sameCity = api.warnings.find((w) => w.code === 'same-city');
    expect(sameCity?.message).toBe('2 participants come from Oslo, Norway: Ola Nordmann, Kari Hansen');
    const warning = page.locator('.govuk-warning-text', { hasText: sameCity?.message ?? '' });
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.getByRole('link', { name: 'Kari Hansen' }).getAttribute('href')).toBe(
      `/staff/nominations/${id['Kari Hansen']}`,
    );
    for (const w of api.warnings) expect(await page.getByText(w.message).count()).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await save(page, 'console-cohort.png');

    // A link to the page (or a reload) opens it too.
    await page.reload();
    await page.locator('#places-taken').waitFor();
    expect(await page.locator('#places-taken').textContent()).toBe('3 of 15–20');

    await press(page, 'Kari Hansen', 'A');
    await page.getByRole('heading', { name: 'Kari Hansen' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('decides several at once with the keyboard: a preview first, then each one’s result', async () => {
    const { page, problems } = await signedIn();
    await page.locator('#nominations').waitFor();
    await tabTo(page, (el) => el.id === 'pick-page');
    await page.keyboard.press('Space');
    await page.locator('#picked-count', { hasText: `${seeds.length} nominations ticked` }).waitFor();
    expect(await page.locator('#nominations input:checked').count()).toBe(seeds.length);
    await page.keyboard.press('Space');
    await page.locator('#picked-count', { hasText: 'None ticked' }).waitFor();
    const ticked = ['Wanjiru Kamau', 'Thandiwe Dlamini', 'Priya Raman', 'Jan Novák'];
    for (const name of ticked) {
      await tabTo(page, (el) => el.id === `pick-${id[name]}`);
      await page.keyboard.press('Space');
    }
    await page.locator('#picked-count', { hasText: '4 nominations ticked' }).waitFor();
    await press(page, 'Select');

    await page.locator('#preview-figures').waitFor();
    await focusLandsOn(page, 'preview-heading');
    expect(await page.locator('#preview-heading').textContent()).toBe(
      'Before you confirm: select 4 nominations',
    );
    expect((await tableRows(page, '#preview-figures'))[0]).toEqual(['Places taken (of 15–20)', '3', '6']);
    // The withdrawn one cannot be selected, and the preview says so before anything is written.
    expect(await page.locator('#preview-problems').textContent()).toContain(
      'Jan Novák: Cannot select a nomination that is withdrawn',
    );
    expect((await cohortNow(fixture)).places.taken).toBe(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await save(page, 'console-bulk-preview.png');

    await tabTo(page, (el) => el.id === 'bulk-note');
    await page.keyboard.type('Balance of regions');
    await press(page, 'Confirm');
    await page.locator('#results-heading').waitFor();
    await focusLandsOn(page, 'results-heading');
    expect(await page.locator('#results-heading').textContent()).toBe('3 of 4 decisions made');
    expect(await page.locator('#bulk-failed').textContent()).toContain(
      '1 decision was not madeJan Novák: Cannot select a nomination that is withdrawn',
    );
    const done = await page.locator('#bulk-done li').allTextContents();
    expect(done.sort()).toEqual(
      ['Priya Raman', 'Thandiwe Dlamini', 'Wanjiru Kamau'].map((n) => `${n}: done, selected`),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The table is read again: the three show as selected, nothing is ticked any more.
    const row = page.locator('#nominations tr', { hasText: 'Priya Raman' });
    await row.getByText('Selected', { exact: true }).waitFor();
    expect(await page.locator('#nominations input:checked').count()).toBe(0);
    const cohort = await cohortNow(fixture);
    expect(cohort.places.taken).toBe(6);
    const stored = await stack.api('GET', `/nominations/${id['Priya Raman']}`, { token: organizer });
    expect(stored.json.history.at(-1)).toMatchObject({ action: 'select', note: 'Balance of regions' });
    expect(problems).toEqual([]);
  });

  it('awards a stipend, refuses one to a participant not eligible, and corrects Global South', async () => {
    const camila = await signedIn(`/staff/nominations/${id['Camila Rojas']}`);
    let page = camila.page;
    await page.getByRole('heading', { name: 'Camila Rojas' }).waitFor();
    expect(await page.locator('#stipend').textContent()).toContain('EligibleYes: from the Global South');
    await tabTo(page, (el) => el.id === 'stipend-award-awarded');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Travel from Bogotá to Barcelona');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Stipend decision saved').waitFor();
    expect(await page.locator('#stipend').textContent()).toContain(
      'AwardAwarded: Travel from Bogotá to Barcelona',
    );
    const stored = await stack.api('GET', `/nominations/${id['Camila Rojas']}`, { token: organizer });
    expect(stored.json.stipend.decision).toMatchObject({ award: 'awarded' });
    expect((await cohortNow(fixture)).stipends.awarded).toBe(1);
    expect(camila.problems).toEqual([]);

    const ola = await signedIn(`/staff/nominations/${id['Ola Nordmann']}`);
    page = ola.page;
    await page.getByRole('heading', { name: 'Ola Nordmann' }).waitFor();
    // The classification's explanation is drawn once the program's data is read: wait for it.
    await page.locator('#classification', { hasText: 'count as Global South' }).waitFor();
    expect(await page.locator('#stipend').textContent()).toContain('EligibleNo: not from the Global South');
    expect(await page.locator('#classification').textContent()).toContain(
      'Global South as the data saysNoLow, lower-middle and upper-middle income economies count as Global South',
    );
    await tabTo(page, (el) => el.id === 'stipend-award-awarded');
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.text === 'Save the stipend decision');
    await page.keyboard.press('Enter');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Stipends are for participants from the Global South');
    await focusLandsOn(page, 'error-summary');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.tag === 'SUMMARY' && el.text.startsWith('Correct the region'));
    await page.keyboard.press('Enter');
    // The group's chosen radio takes the focus: "as the data says"; yes is two above it.
    await tabTo(page, (el) => el.id === 'classify-south-data');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).id).toBe('classify-south-yes');
    await page.keyboard.press('Tab');
    await page.keyboard.type('The library serves a refugee community');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Classification saved').waitFor();
    expect(await page.locator('#stipend').textContent()).toContain('EligibleYes: from the Global South');
    expect(await page.locator('#classification').textContent()).toContain(
      'Global SouthYes (corrected by organizers)',
    );
    const corrected = await stack.api('GET', `/nominations/${id['Ola Nordmann']}`, { token: organizer });
    expect(corrected.json.classification).toMatchObject({
      globalSouthByCountry: false,
      globalSouth: true,
      overrides: { globalSouth: true },
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await save(page, 'console-nomination-cohort.png');
    expect(ola.problems).toEqual([]);
  });

  it('puts a nomination on the reserve list at rank 1, shows it in the cohort, offers it a place, and lists two more', async () => {
    const { page, problems } = await signedIn(`/staff/nominations/${id['Aino Virtanen']}`);
    await page.getByRole('heading', { name: 'Aino Virtanen' }).waitFor();
    await tabTo(page, (el) => el.id === 'decision-rank');
    await page.keyboard.type('1');
    await press(page, 'Put on the reserve list');
    await page.locator('#reserve-rank', { hasText: 'Rank 1 on the reserve list, not told yet.' }).waitFor();
    expect(await page.locator('#state').textContent()).toContain('On the reserve list');

    await toCohortPage(page);
    expect(await tableRows(page, '#reserve-list')).toEqual([['1', 'Aino Virtanen', 'Finland', 'Not yet']]);
    expect(await page.locator('#reserve-count').textContent()).toBe('1');
    expect((await cohortNow(fixture)).reserve).toEqual([
      expect.objectContaining({ name: 'Aino Virtanen', rank: 1 }),
    ]);

    // Told of the reserve list, then offered the place that opened: a step that says what happens.
    await transition(id['Aino Virtanen'] as string, { action: 'notify' });
    await press(page, 'Aino Virtanen', 'A');
    await page.getByRole('heading', { name: 'Aino Virtanen' }).waitFor();
    expect(await page.locator('#state').textContent()).toContain('Notified: on the reserve list');
    await press(page, 'Offer the place');
    await page.locator('#confirm-heading').waitFor();
    await focusLandsOn(page, 'confirm-heading');
    expect(await page.locator('#confirm-action').textContent()).toContain('is selected and emailed at once');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await press(page, 'Yes, offer the place');
    await page.getByText('Place offered: selected, and the email is queued').waitFor();
    expect(await page.locator('#state').textContent()).toContain('Notified: selected');
    const stored = await stack.api('GET', `/nominations/${id['Aino Virtanen']}`, { token: organizer });
    expect(stored.json).toMatchObject({ status: 'notified', decision: 'selected' });

    // Several at once go to the end of the list, in the table's order.
    await press(page, 'Nominations', 'A');
    await page.locator('#nominations').waitFor();
    for (const name of ['Kenji Sato', 'Marie Dubois']) {
      await tabTo(page, (el) => el.id === `pick-${id[name]}`);
      await page.keyboard.press('Space');
    }
    await press(page, 'Put on the reserve list');
    await page.locator('#preview-figures').waitFor();
    expect(await tableRows(page, '#preview-figures')).toContainEqual(['On the reserve list', '0', '2']);
    await press(page, 'Confirm');
    await focusLandsOn(page, 'results-heading');
    expect(await page.locator('#bulk-done li').allTextContents()).toEqual([
      'Kenji Sato: done, on the reserve list, rank 1',
      'Marie Dubois: done, on the reserve list, rank 2',
    ]);
    await page
      .locator('#nominations tr', { hasText: 'Marie Dubois' })
      .getByText('On the reserve list, rank 2')
      .waitFor();
    expect(problems).toEqual([]);
  });
});
