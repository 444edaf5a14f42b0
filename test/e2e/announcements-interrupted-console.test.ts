import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import { focusLandsOn, press, type StaffMember, tableRows, tabTo } from '../support/console-session.ts';
import {
  type AnnouncementsFixture,
  groups,
  listed as listedBy,
  type Person,
  received as receivedBy,
  setUpAnnouncements,
  signedIn as signedInAt,
  toAnnouncements,
  write,
} from '../support/pages/announcements.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer's announcement interrupted in the staff console, in Debian's Chromium, with the
 * keyboard alone: refused when the mentoring group it was for has nobody left in it, and sent to
 * the group its member is in now; and sent, its answer lost on the way, then offered as a new
 * announcement keeping the text. Writing, previewing and sending are announcements-console's.
 */
let fixture: AnnouncementsFixture;
let stack: WorkerStack;
let organizer: string;
let participants: Person[];
let reserve: Person;

beforeAll(async () => {
  fixture = await setUpAnnouncements();
  ({ stack, organizer, participants, reserve } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const signedIn = (as?: StaffMember) => signedInAt(fixture, as);
const listed = () => listedBy(fixture);
const received = (address: string, subject: string) => receivedBy(fixture, address, subject);

describe('announcements in the staff console', () => {
  it('says so in the API’s words when the group it was for has nobody left in it', async () => {
    const { page, problems } = await signedIn();
    await toAnnouncements(page);
    const helsinki = participants[2] as Person;
    // The group's select is revealed under its radio, the second choice.
    expect(await page.locator('#announcement-group').isVisible()).toBe(false);
    await write(page, { arrows: 1, subject: 'Our first session', body: 'See you on Zoom.' });
    expect(await page.locator('#announcement-group').isVisible()).toBe(true);
    await tabTo(page, (el) => el.id === 'announcement-group');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#announcement-group').inputValue()).toBe('helsinki');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    expect(await page.locator('#announcement-preview-heading').textContent()).toBe(
      'Before you send: the mentoring group Helsinki circle, 1 person',
    );
    expect((await tableRows(page, '#announcement-recipients')).map((r) => r[0])).toEqual([helsinki.name]);

    // Meanwhile the group's one member moves to Lisbon circle.
    const moved = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: organizer,
      body: {
        groups: [{ ...groups([])[0], members: [helsinki.id] }, groups([])[1]],
        expectedVersion: 1,
      },
    });
    expect(moved.status).toBe(200);
    await press(page, 'Send to 1 person');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    await focusLandsOn(page, 'error-summary');
    expect(await summary.textContent()).toContain(
      'There is nobody to send it to yet (the mentoring group Helsinki circle: none)',
    );
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await listed()).map((a) => a.subject)).not.toContain('Our first session');

    // Changed to the group they are in now, it goes.
    await press(page, 'Change');
    await focusLandsOn(page, 'announcement-form-heading');
    await tabTo(page, (el) => el.id === 'announcement-group');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#announcement-group').inputValue()).toBe('lisbon');
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    await press(page, 'Send to 1 person');
    await page.locator('.govuk-notification-banner', { hasText: 'Sent to 1 person' }).waitFor();
    expect(await received(helsinki.email, 'Our first session')).toHaveLength(1);
    expect(await received(participants[0]?.email ?? '', 'Our first session')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('offers a new announcement keeping the text when the one on screen was sent but its answer was lost', async () => {
    const { page, problems, sends } = await signedIn();
    await toAnnouncements(page);
    await write(page, { arrows: 2, subject: 'Lost on the way', body: 'Sent, though the page never heard.' });
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    // The send reaches the API, but its answer never reaches the page.
    const sending = '**/programs/metlib-2024/announcements';
    await page.route(sending, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await press(page, 'Send to 1 person');
    await page.locator('#announcement-spent').waitFor();
    await page.unroute(sending);
    expect(await page.locator('#announcement-spent').textContent()).toContain('as “Lost on the way”');
    expect(await received(reserve.email, 'Lost on the way')).toHaveLength(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Changed text under the spent id would be refused: a new announcement takes it, text and all.
    await press(page, 'Change');
    // Back at the form its heading takes the focus once drawn: tabbing before that loses keys to it.
    await focusLandsOn(page, 'announcement-form-heading');
    await tabTo(page, (el) => el.id === 'announcement-subject');
    // Tab selects the field's text: End puts the caret after it.
    await page.keyboard.press('End');
    await page.keyboard.type(', again');
    await press(page, 'Start a new announcement with this text');
    await focusLandsOn(page, 'announcement-form-heading');
    expect(await page.locator('#announcement-spent').count()).toBe(0);
    expect(await page.locator('#announcement-subject').inputValue()).toBe('Lost on the way, again');
    expect(await page.locator('#announcement-audience-reserve').isChecked()).toBe(true);
    await press(page, 'Preview');
    await focusLandsOn(page, 'announcement-preview-heading');
    await press(page, 'Send to 1 person');
    await page.locator('.govuk-notification-banner', { hasText: 'Sent to 1 person' }).waitFor();
    expect(sends.map((s) => s.subject)).toEqual(['Lost on the way', 'Lost on the way, again']);
    expect(sends[1]?.id).not.toBe(sends[0]?.id);
    expect(await received(reserve.email, 'Lost on the way, again')).toHaveLength(1);
    expect(await received(reserve.email, 'Lost on the way')).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
