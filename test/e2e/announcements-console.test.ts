import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSentAt } from '../../console/src/announcements-view.ts';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asReviewer,
  focused,
  focusLandsOn,
  followFirstLink,
  press,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tableRows,
  tabTo,
} from '../support/console-session.ts';
import {
  type AnnouncementsFixture,
  listed as listedBy,
  type Person,
  received as receivedBy,
  setUpAnnouncements,
  signedIn as signedInAt,
  toAnnouncements,
  write,
} from '../support/pages/announcements.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer writes announcements in the staff console, in Debian's Chromium, with the keyboard
 * alone: to the participants (the preview shows whom it reaches and the email as text, markup
 * and all), sent once each though the button is pressed twice, and refused while the subject is
 * empty. A reviewer reads the announcements sent, and writes none. A send the group's change or
 * a lost answer interrupts is announcements-interrupted-console's.
 */
let fixture: AnnouncementsFixture;
let stack: WorkerStack;
let participants: Person[];
let reserve: Person;

beforeAll(async () => {
  fixture = await setUpAnnouncements();
  ({ stack, participants, reserve } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const signedIn = (as?: StaffMember) => signedInAt(fixture, as);
const listed = () => listedBy(fixture);
const received = (address: string, subject: string) => receivedBy(fixture, address, subject);

const subject = 'Reading for April <b>before</b> we meet';
const body = 'Please read the Aarhus case study.\n\nIt is <short> & worth it.';

describe('announcements in the staff console', () => {
  it('previews an announcement to the participants, sends it once each though pressed twice, and lists it', async () => {
    const { page, problems, sends } = await signedIn();
    await toAnnouncements(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/announcements`);
    expect(await page.locator('#announcements-none').textContent()).toBe('None yet.');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await write(page, { subject, body });
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    expect(await page.locator('#announcement-preview-heading').textContent()).toBe(
      'Before you send: every participant, 3 people',
    );
    const rows = await tableRows(page, '#announcement-recipients');
    expect(rows.map(([name, , address]) => [name, address]).sort()).toEqual(
      participants.map((p) => [p.name, p.email]).sort(),
    );
    expect(rows.every(([, reference]) => /^\S+$/.test(reference ?? ''))).toBe(true);
    // Participants are written to alone: no nominator copied, so no such column.
    expect(await page.locator('#announcement-recipients th', { hasText: 'Copy to' }).count()).toBe(0);

    // The email as the first recipient reads it: its text, the markup written shown as written.
    const first = participants.find((p) => p.name === rows[0]?.[0]);
    const text = (await page.locator('#announcement-email-text').textContent()) ?? '';
    expect(text).toContain(
      `Dear ${first?.name},\n\nPlease read the Aarhus case study.\n\nIt is <short> & worth it.`,
    );
    expect(await page.locator('#announcement-email-headers').textContent()).toContain(`Subject${subject}`);
    expect(await page.locator('#announcement-preview b, #announcement-preview short').count()).toBe(0);
    expect(await page.getByText(subject, { exact: true }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-announcements.png');
    // A preview writes nothing.
    expect(await listed()).toEqual([]);

    // Change: back to the form, as it was written.
    await press(page, 'Change');
    await focusLandsOn(page, 'announcement-form-heading');
    expect(await page.locator('#announcement-subject').inputValue()).toBe(subject);
    expect(await page.locator('#announcement-body').inputValue()).toBe(body);
    expect(await page.locator('#announcement-audience-participants').isChecked()).toBe(true);
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');

    // Send, and send again before the page has drawn the first press: two requests, one announcement.
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Send to 3 people');
    await page.evaluate(() => {
      const button = document.activeElement as HTMLButtonElement;
      button.click();
      button.click();
    });
    const banner = page.locator('.govuk-notification-banner', { hasText: 'Sent to 3 people' });
    await banner.waitFor();
    await page.waitForFunction(
      () => document.activeElement?.classList.contains('govuk-notification-banner'),
      null,
      { timeout: 5000 },
    );
    // The second press's request may leave after the first answer: wait for it, whatever the load.
    await expect.poll(() => sends.length, { timeout: 10_000 }).toBe(2);
    expect(sends[0]?.id).toBe(sends[1]?.id);
    expect(sends[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The two answers are one send: nothing to say of anyone already having it.
    expect(await banner.textContent()).toBe('Sent to 3 people');

    const [announcement] = await listed();
    expect(announcement).toMatchObject({ id: sends[0]?.id, subject, recipients: 3 });
    await page.locator('#announcements tbody tr').first().waitFor();
    const [row] = await tableRows(page, '#announcements');
    expect(row?.[0]).toBe(formatSentAt(announcement?.sentAt ?? ''));
    expect(row?.[0]).toMatch(/^\w+day \d{1,2} \w+ 2024, \d\d:\d\d UTC$/);
    expect(row?.[1]).toBe('every participant');
    expect(await page.locator('#announcements tbody tr summary').first().textContent()).toBe(subject);
    expect(row?.slice(3)).toEqual(['organizer@metlib.example.org', '3']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-announcements-sent.png');

    // The message behind its subject, by keyboard.
    await tabTo(page, (el) => el.tag === 'SUMMARY' && el.text === subject);
    await page.keyboard.press('Enter');
    const message = page.locator('#announcements .govuk-details__text').first();
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toBe(body);

    // A link to the page (or a reload) opens it too, the new announcement listed.
    await page.reload();
    await page.locator('#announcements tbody tr summary', { hasText: subject }).waitFor();
    expect(await page.locator('#announcement-subject').inputValue()).toBe('');

    for (const p of participants) {
      const mails = await received(p.email, subject);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.body.text).toContain(`Dear ${p.name},`);
      expect(mails[0]?.destination.cc).toEqual([]);
    }
    expect(await received(reserve.email, subject)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses an empty announcement on its fields, and a new one gets a new id', async () => {
    const { page, problems, sends } = await signedIn();
    await toAnnouncements(page);
    await press(page, 'Preview');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    await focusLandsOn(page, 'error-summary');
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Who it is for: choose who the announcement is for',
      'Subject: write a subject',
      'Message: write the message',
    ]);
    expect(await page.locator('#announcement-subject-error').textContent()).toBe('Error: write a subject');
    expect(await page.locator('#announcement-audience-error').textContent()).toBe(
      'Error: choose who the announcement is for',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-announcements-refused.png');
    // The summary's first link puts the focus on the first choice.
    expect(await followFirstLink(page, 'Who it is for: choose who the announcement is for')).toBe(
      'announcement-audience-participants',
    );

    // The reserve list (two down from the first choice), a message, but still no subject.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#announcement-audience-reserve').isChecked()).toBe(true);
    await tabTo(page, (el) => el.id === 'announcement-body');
    await page.keyboard.type('A place may open in May.');
    await press(page, 'Preview');
    // The summary of the first refusal stays until the second answers: wait for its one problem.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('#error-summary li'), (li) => li.textContent).join('|') ===
        'Subject: write a subject',
    );
    await focusLandsOn(page, 'error-summary');
    expect(await page.locator('#announcement-body-error').count()).toBe(0);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('announcement-subject');
    await page.keyboard.type('The reserve list in May');
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    expect(await page.locator('#announcement-preview-heading').textContent()).toBe(
      'Before you send: everyone on the reserve list, 1 person',
    );
    // About the nomination: the nominator is copied.
    expect(await tableRows(page, '#announcement-recipients')).toEqual([
      [reserve.name, expect.any(String), reserve.email, reserve.nominator],
    ]);
    expect(await page.locator('#announcement-email-headers').textContent()).toContain(
      `Copy to${reserve.nominator}`,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await press(page, 'Send to 1 person');
    await page.locator('.govuk-notification-banner', { hasText: 'Sent to 1 person' }).waitFor();
    await page.locator('#announcements tbody tr', { hasText: 'The reserve list in May' }).waitFor();
    expect(await received(reserve.email, 'The reserve list in May')).toHaveLength(1);

    // Another announcement: a new id, the form empty.
    await press(page, 'Write another announcement');
    await focusLandsOn(page, 'announcement-form-heading');
    expect(await page.locator('#announcement-subject').inputValue()).toBe('');
    await write(page, { subject: 'Welcome', body: 'Welcome to the circle.' });
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    await press(page, 'Send to 3 people');
    await page.locator('#announcements tbody tr', { hasText: 'Welcome' }).waitFor();
    expect(sends).toHaveLength(2);
    expect(sends[1]?.id).not.toBe(sends[0]?.id);
    expect((await listed()).map((a) => a.subject)).toEqual(['Welcome', 'The reserve list in May', subject]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a reviewer the announcements sent, and no form', async () => {
    const { page, problems } = await signedIn(asReviewer);
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    await toAnnouncements(page);
    await page.locator('#announcements tbody tr', { hasText: subject }).waitFor();
    expect(await page.locator('#announcements tbody tr').count()).toBe((await listed()).length);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Preview' }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
