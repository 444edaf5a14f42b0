import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  type ConsoleFixture,
  followFirstLink,
  openConsole,
  refusal,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tabTo,
  typeOver,
  typeWallTime,
} from '../support/console-session.ts';
import {
  fieldValue,
  save,
  settingsNow as settingsNowOf,
  setUpSettings,
  toSettings,
} from '../support/pages/settings.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer changes the program's settings in the staff console, in Debian's Chromium, with
 * the keyboard alone: the closing date in the program's zone, a refusal placed on its field, a
 * stale form, and a change that would break what has happened. Reviewers do not see the page.
 * The evaluation's questions on the same page are program-settings-evaluation-console's.
 */
let fixture: ConsoleFixture;
let stack: WorkerStack;
let organizer: string;

beforeAll(async () => {
  fixture = await setUpSettings();
  ({ stack, organizer } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const settingsNow = () => settingsNowOf(fixture);

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(fixture, as);

// The evaluation's questions put some forty stops between the dates and the Save button: on a
// busy machine, tabbing through them takes longer than the default timeout.
describe('the program settings in the staff console', { timeout: 120_000 }, () => {
  it('moves the closing date in the program’s zone and the contact address, with a note, into the history', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/program`);
    // 23:59:59 in New York on 15 February, as the program file has it.
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-15T23:59');
    expect(await fieldValue(page, 'setting-decisionsDueAt')).toBe('2024-02-19T09:00');
    expect(await fieldValue(page, 'setting-capacity-max')).toBe('20');
    expect(await page.locator('#settings-about').textContent()).toContain('New York time (America/New_York)');
    expect(await page.locator('#setting-group-nominationWindow-hint').textContent()).toContain(
      'New York time (America/New_York)',
    );
    expect(await page.locator('#settings-history').textContent()).toContain('No changes yet');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.id === 'setting-nominationWindow-closesAt');
    await typeWallTime(page, '2024-02-20T23:59');
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-20T23:59');
    await typeOver(page, 'setting-contactEmail', 'circle@metlib.example.org');
    await tabTo(page, (el) => el.id === 'setting-note');
    await page.keyboard.type('One week more for late nominators');
    await save(page);

    // Decisions would then be due before nominations close: the API says so, on that field.
    const message = 'Decisions due: decisions cannot be due before nominations close';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#setting-decisionsDueAt-error').textContent()).toBe(
      'Error: decisions cannot be due before nominations close',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await followFirstLink(page, message)).toBe('setting-decisionsDueAt');
    await typeWallTime(page, '2024-02-26T09:00');
    expect(await fieldValue(page, 'setting-decisionsDueAt')).toBe('2024-02-26T09:00');
    // What was typed before the refusal is still there, the note too.
    expect(await fieldValue(page, 'setting-contactEmail')).toBe('circle@metlib.example.org');
    await save(page);

    await page.locator('.govuk-notification-banner', { hasText: 'Saved' }).waitFor();
    expect(await page.locator('#error-summary').count()).toBe(0);
    const stored = await settingsNow();
    expect(stored.settingsVersion).toBe(1);
    expect(stored.settings.nominationWindow).toEqual({
      opensAt: '2024-01-08T00:00:00-05:00',
      closesAt: '2024-02-21T04:59:59.000Z',
    });
    expect(stored.settings.decisionsDueAt).toBe('2024-02-26T14:00:00.000Z');
    expect(stored.settings.contactEmail).toBe('circle@metlib.example.org');
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-20T23:59');
    expect(await fieldValue(page, 'setting-note')).toBe('');

    const rows = page.locator('#settings-history tbody tr');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('organizer@metlib.example.org');
    expect(row).toContain(
      'Nominations close: Thursday 15 February 2024, 23:59 → Tuesday 20 February 2024, 23:59',
    );
    expect(row).toContain('Decisions due: Monday 19 February 2024, 09:00 → Monday 26 February 2024, 09:00');
    expect(row).toContain('Contact address: learning-circle@metlib.example.org → circle@metlib.example.org');
    expect(row).toContain('One week more for late nominators');
    expect(row).not.toContain('Nominations open');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-program-settings.png');
    expect(problems).toEqual([]);
  });

  it('places a refusal on its field, and shows the settings again when someone else changed them', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    await typeOver(page, 'setting-capacity-min', '30');
    await save(page);
    const message = 'Places: the minimum must not be more than the maximum';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#setting-group-capacity-error').textContent()).toBe(
      'Error: the minimum must not be more than the maximum',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await followFirstLink(page, message)).toBe('setting-capacity-min');
    expect((await settingsNow()).settings.capacity).toEqual({ min: 15, max: 20 });

    // Meanwhile another organizer changes the contact address: this form is now stale.
    const other = await stack.api('PUT', '/programs/metlib-2024/settings', {
      token: organizer,
      body: { contactEmail: 'programme@metlib.example.org', expectedVersion: 1 },
    });
    expect(other.status).toBe(200);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('18');
    await save(page);
    expect(await refusal(page, 'Someone else changed the settings')).toContain('(version 2)');
    expect(await fieldValue(page, 'setting-contactEmail')).toBe('programme@metlib.example.org');
    expect(await fieldValue(page, 'setting-capacity-min')).toBe('15');
    expect(await page.locator('#settings-history tbody tr').count()).toBe(2);
    expect((await settingsNow()).settings.capacity).toEqual({ min: 15, max: 20 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses fewer places than are taken, in the API’s words, saving nothing', async () => {
    const before = await settingsNow();
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    await typeOver(page, 'setting-capacity-min', '1');
    await typeOver(page, 'setting-capacity-max', '1');
    await save(page);
    const message = '2 places are taken; the program cannot have fewer than that';
    expect(await refusal(page, message)).toContain(message);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await settingsNow()).toEqual(before);
    // Nothing is lost: the values typed stay for the organizer to correct.
    expect(await fieldValue(page, 'setting-capacity-max')).toBe('1');
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('is not offered to a reviewer', async () => {
    const { page, problems } = await signedIn(asReviewer);
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    expect(await page.getByRole('link', { name: 'Program settings' }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
