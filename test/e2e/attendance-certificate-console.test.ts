import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  banner,
  openConsole,
  refusal,
  type StaffMember,
  tabTo,
} from '../support/console-session.ts';
import {
  type AttendanceFixture,
  certificates,
  four,
  issueCertificate,
  keepAprilAndJune,
  meetings,
  save,
  setUpAttendance,
  toAttendance,
  toRegister,
  yearSeen,
} from '../support/pages/attendance.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Attendance against the certificate in the staff console, in Debian's Chromium, with the
 * keyboard alone: the year of each participant against the certificate rule; and on certificate
 * day a certificate refused, then issued once the register is corrected, and issued again after a
 * name correction. April's and June's registers are kept as attendance-registers-console keeps
 * them, and Eva has left the program.
 */
let fixture: AttendanceFixture;
let stack: WorkerStack;
let organizer: string;
let id: Record<string, string>;

beforeAll(async () => {
  fixture = await setUpAttendance();
  ({ stack, organizer, id } = fixture);
  await keepAprilAndJune(fixture);
});
afterAll(() => closeContexts(fixture?.browser));

/** Someone signed in at a page of the console, its first table drawn. */
const openAt = (as: StaffMember, path: string, drawn: string) => openConsole(fixture, as, { path, drawn });

describe('attendance in the staff console', { timeout: 180_000 }, () => {
  it('shows the year: a mark per meeting held, the count and where each stands against the rule', async () => {
    const { page, problems } = await openAt(asOrganizer, '/staff/', '#nominations');
    await toAttendance(page);
    expect(await page.locator('#attendance-year thead th').nth(1).textContent()).toBe(
      'AprMonthly online meeting, Tuesday 9 April 2024',
    );
    expect(await yearSeen(page)).toEqual({
      head: ['Participant', 'Apr', 'May', 'Jun', 'Attended', 'Certificate rule'],
      rows: [
        ['Amara Okafor', '✓', 'No register', '✓', '3 of 7 needed', 'Can still meet it'],
        ['Bruno Lima', '✗', 'No register', '✓', '2 of 7 needed', 'Can still meet it'],
        ['Chen Wei', '✓', 'No register', '✓', '3 of 7 needed', 'Can still meet it'],
        ['Dara Byrne', '✓', 'No register', 'E', '2 of 7 needed', 'Can still meet it'],
      ],
    });
    expect(
      await page.locator('#attendance-year tbody tr', { hasText: 'Bruno Lima' }).textContent(),
    ).toContain('7 meetings to come');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('issues a certificate now: refused before certificate day and short of the rule, issued once the register is corrected, and again after a name correction', async () => {
    const { page, problems } = await openAt(
      asOrganizer,
      `/staff/nominations/${id['Amara Okafor']}`,
      '#certificate',
    );
    expect(await page.locator('#certificate').textContent()).toBe(
      'Not issued. The certificates go out on Monday 31 March 2025 to the participants present at 7 of the monthly meetings; the others get their attendance record.',
    );
    expect(await page.locator('#certificate-now-what').textContent()).toContain(
      'This emails Amara Okafor their certificate at once, as a PDF, bearing the name “Amara Okafor” as it is now.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await issueCertificate(page);
    const early = 'The certificates are issued on certificate day; until then there is none to issue';
    expect(await refusal(page, early)).toContain(early);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The rest of the year's registers, all but May's: Chen misses four meetings, six of seven.
    await stack.advanceTo('2025-03-20T12:00:00Z');
    const missed = new Set(['meeting-2024-09', 'meeting-2024-11', 'meeting-2024-12', 'meeting-2025-03']);
    for (const meeting of meetings.slice(3)) {
      const kept = await stack.api('PUT', `/programs/metlib-2024/attendance/${meeting}`, {
        token: organizer,
        body: {
          marks: Object.fromEntries(
            four.map((s) => [
              id[s.name],
              s.name === 'Chen Wei' && missed.has(meeting) ? 'absent' : 'present',
            ]),
          ),
          expectedVersion: 0,
        },
      });
      expect(kept.status).toBe(200);
    }
    // Certificate day: the Scheduler emulator fires the certificates' schedule.
    const fired = stack.scheduler.invocations().length;
    await stack.advanceTo('2025-03-31T13:00:05Z');
    expect(
      stack.scheduler
        .invocations()
        .slice(fired)
        .map((f) => f.schedule),
    ).toContain('certificates-2025.certificates');
    expect(await certificates(fixture, 'Amara Okafor')).toHaveLength(1);
    expect(await certificates(fixture, 'Chen Wei')).toEqual([]);

    await page.goto(`${stack.apiUrl}/staff/`);
    await page.locator('#nominations').waitFor();
    await toAttendance(page);
    expect(await page.locator('#attendance-rule').textContent()).toBe(
      'The certificate needs 7 of the monthly meetings: all 10 have been held.',
    );
    const year = await yearSeen(page);
    expect(year.head).toEqual([
      'Participant',
      ...['Apr', 'May', 'Jun', 'Jul', 'Sep', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'],
      'Attended',
      'Certificate rule',
    ]);
    expect(year.rows.find((r) => r[0] === 'Chen Wei')).toEqual([
      'Chen Wei',
      ...['✓', 'No register', '✓', '✓', '✗', '✗', '✗', '✓', '✓', '✗'],
      '6 of 7 needed',
      'Below the rule',
    ]);
    expect(year.rows.map((r) => r.slice(-2))).toEqual([
      ['10 (7 needed)', 'Meets the rule'],
      ['9 (7 needed)', 'Meets the rule'],
      ['6 of 7 needed', 'Below the rule'],
      ['9 (7 needed)', 'Meets the rule'],
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-attendance.png');

    // Chen's certificate: refused while the register shows him short of the rule.
    await page.goto(`${stack.apiUrl}/staff/nominations/${id['Chen Wei']}`);
    await page.locator('#certificate').waitFor();
    await issueCertificate(page);
    const short =
      'The register shows Chen Wei present at 6 of the 7 meetings the certificate needs; correct the register first';
    expect(await refusal(page, short)).toContain(short);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // March's register corrected: Chen was there after all.
    await page.goto(`${stack.apiUrl}/staff/`);
    await page.locator('#nominations').waitFor();
    await toAttendance(page);
    await toRegister(page, 'Tuesday 4 March 2025');
    await tabTo(page, (el) => el.id === `mark-${id['Chen Wei']}-absent`);
    await page.keyboard.press('ArrowLeft');
    await tabTo(page, (el) => el.id === 'register-note');
    await page.keyboard.type('Chen joined late by phone');
    await save(page);
    expect(await banner(page, 'Register saved')).toContain('Version 2: 4 present.');

    await page.goto(`${stack.apiUrl}/staff/nominations/${id['Chen Wei']}`);
    await page.locator('#certificate').waitFor();
    await issueCertificate(page);
    await banner(page, 'Certificate issued: emailed to Chen Wei, bearing the name “Chen Wei”');
    expect(await page.locator('#certificate').textContent()).toContain('Name on itChen Wei');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await certificates(fixture, 'Chen Wei')).toHaveLength(1);

    // Amara's name corrected after her certificate went out: the page says so, and she gets a new one.
    const current = (await stack.api('GET', `/nominations/${id['Amara Okafor']}`, { token: organizer })).json;
    const corrected = await stack.api('PATCH', `/nominations/${id['Amara Okafor']}`, {
      token: organizer,
      body: { candidate: { name: 'Amara Okafor-Adeyemi' }, expectedVersion: current.version },
    });
    expect(corrected.status).toBe(200);
    await page.goto(`${stack.apiUrl}/staff/nominations/${id['Amara Okafor']}`);
    await page.locator('#certificate-name').waitFor();
    expect(await page.locator('#certificate-name').textContent()).toContain(
      'The certificate bears “Amara Okafor”; the name is now “Amara Okafor-Adeyemi”.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await issueCertificate(page);
    await banner(
      page,
      'Certificate issued: emailed to Amara Okafor-Adeyemi, bearing the name “Amara Okafor-Adeyemi”',
    );
    expect(await page.locator('#certificate').textContent()).toContain('Name on itAmara Okafor-Adeyemi');
    expect(await page.locator('#certificate').textContent()).toContain('Issued again');
    await screenshot(page, 'console-certificate.png');
    expect(await page.locator('#certificate-name').count()).toBe(0);
    expect(await certificates(fixture, 'Amara Okafor')).toHaveLength(2);
    const stored = (await stack.api('GET', `/nominations/${id['Amara Okafor']}`, { token: organizer })).json;
    expect(stored.certificate).toMatchObject({ name: 'Amara Okafor-Adeyemi' });
    expect(problems).toEqual([]);
  });
});
