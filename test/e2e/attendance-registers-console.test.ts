import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStaffPassword } from '../../local/settings.ts';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  banner,
  focused,
  focusLandsOn,
  openConsole,
  press,
  refusal,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tabTo,
} from '../support/console-session.ts';
import {
  type AttendanceFixture,
  four,
  marked,
  registerNow,
  save,
  seeds,
  setUpAttendance,
  toAttendance,
  toRegister,
  yearSeen,
} from '../support/pages/attendance.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Organizers keep the meetings' registers in the staff console, in Debian's Chromium, with the
 * keyboard alone: April's register marked everyone present then one absent, saved and read
 * again; a mark refused for someone who left the program, and a register saved meanwhile by
 * someone else; and a reviewer's view, to read only. The year against the certificate rule and
 * certificate day are attendance-certificate-console's.
 */
let fixture: AttendanceFixture;
let stack: WorkerStack;
let browser: Browser;
let organizer: string;
let id: Record<string, string>;

beforeAll(async () => {
  fixture = await setUpAttendance();
  ({ stack, browser, organizer, id } = fixture);
});
afterAll(() => closeContexts(browser));

/** Someone signed in at a page of the console, its first table drawn. */
const openAt = (as: StaffMember, path: string, drawn: string) => openConsole(fixture, as, { path, drawn });

describe('attendance in the staff console', { timeout: 180_000 }, () => {
  it('keeps April’s register with the keyboard: everyone present, one absent, saved and read again', async () => {
    // Signed in at the local OpenID provider, straight to the page asked for.
    const context = await browser.newContext({ timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${stack.apiUrl}/staff/attendance`);
    await page.getByLabel('Email address').waitFor();
    await page.getByLabel('Email address').fill('organizer@metlib.example.org');
    await page.getByLabel('Password').fill(localStaffPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${stack.apiUrl}/staff/attendance`);
    await page.locator('#attendance-year').waitFor();
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.locator('[aria-current="page"]').textContent()).toBe('Attendance');
    expect(await page.locator('#attendance-rule').textContent()).toBe(
      'The certificate needs 7 of the monthly meetings: 3 of the 10 have been held.',
    );
    const row = (text: string) => page.locator('#registers tbody tr', { hasText: text });
    expect(await row('Tuesday 9 April 2024').textContent()).toContain(
      'Not kept: it counts as attended by everyone',
    );
    expect(await row('Tuesday 9 July 2024').textContent()).toContain('Not held yet');
    // Not held yet: listed, without a link to a register.
    expect(await row('Tuesday 9 July 2024').locator('a').count()).toBe(0);
    expect(await row('May 2024, day to be set').textContent()).toContain('Leadership group mentoring');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await toRegister(page, 'Tuesday 9 April 2024');
    expect(page.url()).toBe(`${stack.apiUrl}/staff/attendance?event=meeting-2024-04`);
    // The program's zone comes with a read of its own, which the registers do not wait for.
    await page.locator('#register-about', { hasText: '(New York time)' }).waitFor();
    expect(await page.locator('#register-about').textContent()).toContain(
      'Tuesday 9 April 2024, 09:00 for 2 hours (New York time)',
    );
    expect(await page.locator('#register-about').textContent()).toContain('Every participant: 5 people');
    expect(await marked(page)).toEqual(seeds.map((s) => [s.name, 'Not marked']));
    expect(await page.locator('#unmarked .govuk-warning-text__text').textContent()).toBe(
      `Warning: 5 participants are not marked: saved so, they count as not present. ${seeds.map((s) => s.name).join(', ')}.`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await press(page, 'Mark everyone present');
    expect(await marked(page)).toEqual(seeds.map((s) => [s.name, 'Present']));
    // Each participant's radios are one stop of the Tab key: on to Bruno's, and absent with an arrow.
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(`mark-${id['Amara Okafor']}-present`);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe(`mark-${id['Bruno Lima']}-present`);
    await page.keyboard.press('ArrowRight');
    expect(await marked(page)).toEqual(
      seeds.map((s) => [s.name, s.name === 'Bruno Lima' ? 'Absent' : 'Present']),
    );
    expect(await page.locator('#unmarked').textContent()).toBe('Everyone is marked.');
    expect(await page.locator('#register-tally').textContent()).toBe('On the page: 4 present, 1 absent.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance-register.png');
    await tabTo(page, (el) => el.id === 'register-note');
    await page.keyboard.type('Bruno’s connection failed');
    await save(page);
    expect(await banner(page, 'Register saved')).toContain('Version 1: 4 present, 1 absent.');
    expect(await page.locator('#register-note').inputValue()).toBe('');
    // The register is read again after the save: wait for it rather than race it.
    await expect
      .poll(() => page.locator('#register-about').textContent())
      .toContain('Kept: 4 present, 1 absent (version 1)');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await registerNow(fixture, 'meeting-2024-04')).toEqual({
      ...(await registerNow(fixture, 'meeting-2024-04')),
      version: 1,
      marks: Object.fromEntries(
        seeds.map((s) => [id[s.name], s.name === 'Bruno Lima' ? 'absent' : 'present']),
      ),
    });

    // Loaded afresh at its address: the register as saved.
    await page.goto(`${stack.apiUrl}/staff/attendance?event=meeting-2024-04`);
    await page.locator('#register').waitFor();
    expect(await marked(page)).toEqual(
      seeds.map((s) => [s.name, s.name === 'Bruno Lima' ? 'Absent' : 'Present']),
    );
    // Back to the list with the keyboard: the focus on its heading, April's register kept.
    await press(page, 'All the registers and the year', 'A');
    await focusLandsOn(page, 'attendance-heading');
    expect(await row('Tuesday 9 April 2024').textContent()).toContain('Kept: 4 present, 1 absent');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a mark for someone who left the program, and a register someone else saved meanwhile', async () => {
    const { page, problems } = await openAt(
      asOrganizer,
      '/staff/attendance?event=meeting-2024-06',
      '#register',
    );
    await press(page, 'Mark everyone present');
    // Meanwhile Eva leaves the program.
    const left = await stack.api('POST', `/nominations/${id['Eva Novak']}/transitions`, {
      token: organizer,
      body: { action: 'withdraw' },
    });
    expect(left.status).toBe(200);
    await save(page);
    const message = `Eva Novak: ${id['Eva Novak']} is not a participant of the program`;
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator(`#mark-${id['Eva Novak']}-error`).textContent()).toBe(
      `Error: ${id['Eva Novak']} is not a participant of the program`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await registerNow(fixture, 'meeting-2024-06')).version).toBe(0);
    // The summary's link puts the focus on her row; the reload button follows the summary.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: message });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Reload the register' });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe(`mark-${id['Eva Novak']}-present`);
    await press(page, 'Reload the register');
    // Nobody saved it meanwhile: the marks made stay, for the four it is for now.
    await banner(page, 'The register read again, with your marks for those it is for');
    expect(await marked(page)).toEqual(four.map((s) => [s.name, 'Present']));
    expect(await page.locator('#error-summary').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Meanwhile another organizer keeps the same register: Dara was excused.
    const other = await stack.api('PUT', '/programs/metlib-2024/attendance/meeting-2024-06', {
      token: organizer,
      body: {
        marks: Object.fromEntries(
          four.map((s) => [id[s.name], s.name === 'Dara Byrne' ? 'excused' : 'present']),
        ),
        expectedVersion: 0,
      },
    });
    expect(other.status).toBe(200);
    await tabTo(page, (el) => el.id === `mark-${id['Chen Wei']}-present`);
    await page.keyboard.press('ArrowRight');
    await save(page);
    expect(await refusal(page, 'Someone else saved this register while you had it open')).toContain(
      'The register of "Monthly online meeting" is at version 1, not 0',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Reload the register' });
    await page.keyboard.press('Enter');
    await banner(page, 'The register as it is saved now');
    expect(await marked(page)).toEqual(
      four.map((s) => [s.name, s.name === 'Dara Byrne' ? 'Excused' : 'Present']),
    );
    expect((await registerNow(fixture, 'meeting-2024-06')).version).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows a reviewer the registers and the year, with nothing to change', async () => {
    const { page, problems } = await openAt(asReviewer, '/staff/', '#nominations');
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    await toAttendance(page);
    expect(await page.locator('main').textContent()).toContain('Only organizers keep the registers.');
    expect((await yearSeen(page)).rows).toHaveLength(4);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await toRegister(page, 'Tuesday 9 April 2024');
    expect(await marked(page)).toEqual(
      four.map((s) => [s.name, s.name === 'Bruno Lima' ? 'Absent' : 'Present']),
    );
    expect(await page.locator('main input, main select, main textarea, main button').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A participant's page: the certificate, and nothing to issue.
    await page.goto(`${stack.apiUrl}/staff/nominations/${id['Amara Okafor']}`);
    await page.locator('#certificate').waitFor();
    expect(await page.locator('#certificate').textContent()).toContain('Not issued.');
    expect(await page.getByRole('button', { name: 'Issue the certificate now' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
