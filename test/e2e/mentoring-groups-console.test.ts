import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  asReviewer,
  focused,
  focusLandsOn,
  followFirstLink,
  openConsole,
  press,
  refusal,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tabTo,
} from '../support/console-session.ts';
import {
  addGroup,
  card,
  chosen,
  type GroupsFixture,
  groupsNow as groupsNowOf,
  save,
  seeds,
  setUpGroups,
  toGroups,
} from '../support/pages/groups.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer arranges the mentoring groups in the staff console, in Debian's Chromium, with the
 * keyboard alone: two groups made and five participants placed with a select each, saved and
 * read again; a mentor left out, refused on its field; a group with a session on the timeline,
 * which cannot be removed; a page gone stale under another organizer's change; and a reviewer's
 * view, to read only.
 */
let fixture: GroupsFixture;
let stack: WorkerStack;
let organizer: string;
let id: Record<string, string>;
let email: Record<string, string>;

beforeAll(async () => {
  fixture = await setUpGroups();
  ({ stack, organizer, id, email } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const groupsNow = () => groupsNowOf(fixture);

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(fixture, as);

const lisbon = 'Lisbon circle';
const helsinki = 'Helsinki circle';

describe('the mentoring groups in the staff console', { timeout: 120_000 }, () => {
  it('makes two groups and places the participants with the keyboard, saved and read again', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toGroups(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/groups`);
    expect(await page.locator('#no-groups').textContent()).toContain('No mentoring groups yet');
    expect(await page.locator('#ungrouped').textContent()).toBe(
      `Without a group (5): ${seeds.map((s) => s.name).join(', ')}.`,
    );
    expect((await chosen(page)).map(([name]) => name)).toEqual(seeds.map((s) => s.name));
    expect(await page.locator('#participant-groups tr', { hasText: 'Eva Novak' }).textContent()).toContain(
      'Not yet told',
    );
    expect(await page.locator('#told-count').textContent()).toBe(
      'Nothing has changed since the groups were read.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await addGroup(page, 'g1', lisbon, 'Ana Santos, Lisbon Municipal Libraries');
    expect(await page.locator('#group-g1-name-hint').textContent()).toBe(
      'Its id on the timeline: lisbon-circle (from its name)',
    );
    await addGroup(page, 'g2', helsinki, 'Anna-Maria Soininvaara, Helsinki City Library');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A select a row, one after the other: the arrow keys choose (No group, Lisbon, Helsinki).
    await tabTo(page, (el) => el.id === `group-of-${id['Amara Okafor']}`);
    for (const presses of [1, 1, 2, 0, 1]) {
      for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Tab');
    }
    expect(await chosen(page)).toEqual([
      ['Amara Okafor', lisbon],
      ['Bruno Lima', lisbon],
      ['Chen Wei', helsinki],
      ['Dara Byrne', 'No group'],
      ['Eva Novak', lisbon],
    ]);
    expect(await page.locator('#ungrouped').textContent()).toBe('Without a group (1): Dara Byrne.');
    expect(await card(page, lisbon).textContent()).toContain('Members (3)');
    // Eva has not been told of her selection: she hears nothing of her group.
    expect(await page.locator('#told-count .govuk-warning-text__text').textContent()).toBe(
      'Warning: 3 participants will be told of their new group by email. Amara Okafor, Bruno Lima, Chen Wei.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.id === 'groups-note');
    await page.keyboard.type('First arrangement, by time zone');
    await save(page);
    await page.locator('.govuk-notification-banner', { hasText: 'Groups saved' }).waitFor();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      '3 participants are being told of their new group by email.',
    );
    expect(await page.locator('#error-summary').count()).toBe(0);
    expect(await page.locator('#groups-note').inputValue()).toBe('');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const stored = await groupsNow();
    expect(stored.groupsVersion).toBe(1);
    expect(stored.groups.map((g) => [g.id, g.name, g.mentor, g.members.map((m) => m.id)])).toEqual([
      [
        'lisbon-circle',
        lisbon,
        'Ana Santos, Lisbon Municipal Libraries',
        [id['Amara Okafor'], id['Bruno Lima'], id['Eva Novak']],
      ],
      ['helsinki-circle', helsinki, 'Anna-Maria Soininvaara, Helsinki City Library', [id['Chen Wei']]],
    ]);
    const subjects = async (name: string) => (await stack.inbox(email[name] as string)).map((e) => e.subject);
    expect(await subjects('Amara Okafor')).toContain(
      'Your mentoring group in the MetLib Learning Circle 2024: Lisbon circle',
    );
    expect((await subjects('Eva Novak')).filter((s) => s.includes('mentoring group'))).toEqual([]);

    // The console loaded afresh, and the page read again from the API: the groups and every select as saved.
    await page.goto(`${stack.apiUrl}/staff/`);
    await page.locator('#nominations').waitFor();
    await toGroups(page);
    await card(page, helsinki).waitFor();
    expect(await chosen(page)).toEqual([
      ['Amara Okafor', lisbon],
      ['Bruno Lima', lisbon],
      ['Chen Wei', helsinki],
      ['Dara Byrne', 'No group'],
      ['Eva Novak', lisbon],
    ]);
    expect(await page.locator('#groups-about').textContent()).toContain('Version1');
    expect(await card(page, lisbon).textContent()).toContain('Amara Okafor, Lagos State Library, Lagos');
    expect(await page.locator('#group-g1-name-hint').textContent()).toBe(
      'Its id on the timeline: lisbon-circle',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('places a refusal on the mentor left out, and saves once it is given', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toGroups(page);
    await addGroup(page, 'g3', 'Porto circle', '');
    await tabTo(page, (el) => el.id === `group-of-${id['Dara Byrne']}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#group-of-${id['Dara Byrne']}`).inputValue()).toBe('g3');
    await save(page);

    const message = 'Mentor of Porto circle: name the mentor';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#group-g3-mentor-error').textContent()).toBe('Error: name the mentor');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await groupsNow()).groupsVersion).toBe(1);
    // The summary's link puts the focus in the field.
    expect(await followFirstLink(page, message)).toBe('group-g3-mentor');
    await page.keyboard.type('Rui Costa, Porto Municipal Library');
    await save(page);
    await page.locator('.govuk-notification-banner', { hasText: 'Groups saved' }).waitFor();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      '1 participant is being told of their new group by email.',
    );
    const stored = await groupsNow();
    expect(stored.groupsVersion).toBe(2);
    expect(stored.groups.at(-1)).toMatchObject({
      id: 'porto-circle',
      mentor: 'Rui Costa, Porto Municipal Library',
      members: [{ id: id['Dara Byrne'] }],
    });
    expect(await page.locator('#ungrouped').textContent()).toBe('Every participant is in a group.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows a group’s session, will not remove the group while it has one, and reloads a stale page', async () => {
    const timeline = metlib2024.timeline.map((e) =>
      e.id === 'mentoring-2024-05'
        ? { ...e, when: { at: '2024-05-22T10:00', durationMinutes: 90 }, group: 'lisbon-circle' }
        : e,
    );
    const dated = await stack.api('PUT', '/programs/metlib-2024/timeline', {
      token: organizer,
      body: { timeline, expectedVersion: 0 },
    });
    expect(dated.status).toBe(200);

    const { page, problems } = await signedIn(asOrganizer);
    await toGroups(page);
    // The program's zone comes with a read of its own, which the groups do not wait for.
    await card(page, lisbon).filter({ hasText: '(New York time)' }).waitFor();
    expect(await card(page, lisbon).textContent()).toContain(
      'Leadership group mentoring: Wednesday 22 May 2024, 10:00 for 1 hour 30 minutes (New York time)',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-mentoring-groups.png');

    await press(page, `Remove ${lisbon}`);
    await focusLandsOn(page, 'add-group');
    expect(await card(page, lisbon).count()).toBe(0);
    expect(await chosen(page)).toContainEqual(['Amara Okafor', 'No group']);
    await save(page);
    const sessions = 'These sessions are for a group the change removes: "mentoring-2024-05" (lisbon-circle)';
    expect(await refusal(page, sessions)).toContain('give them to another group in the timeline first');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect((await groupsNow()).groupsVersion).toBe(2);
    // The way back: the groups as saved.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Reload the groups' });
    await page.keyboard.press('Enter');
    await page
      .locator('.govuk-notification-banner', { hasText: 'The groups as they are saved now' })
      .waitFor();
    await card(page, lisbon).waitFor();
    expect(await page.locator('#error-summary').count()).toBe(0);

    // Meanwhile another organizer changes Helsinki's mentor: this page is now stale.
    const now = await groupsNow();
    const other = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: organizer,
      body: {
        expectedVersion: now.groupsVersion,
        groups: now.groups.map((g) => ({
          id: g.id,
          name: g.name,
          mentor: g.id === 'helsinki-circle' ? 'Kaisa Hietala, Oodi' : g.mentor,
          members: g.members.map((m) => m.id),
        })),
      },
    });
    expect(other.status).toBe(200);
    await tabTo(page, (el) => el.id === `group-of-${id['Chen Wei']}`);
    await page.keyboard.press('ArrowUp');
    await save(page);
    expect(await refusal(page, 'Someone else changed the groups while you had them open')).toContain(
      'The mentoring groups are at version 3, not 2',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page
      .locator('.govuk-notification-banner', { hasText: 'The groups as they are saved now' })
      .waitFor();
    expect(await card(page, helsinki).textContent()).toContain('Members (1)');
    expect(await page.locator('#group-g2-mentor').inputValue()).toBe('Kaisa Hietala, Oodi');
    expect(await chosen(page)).toContainEqual(['Chen Wei', helsinki]);
    expect((await groupsNow()).groupsVersion).toBe(3);
    expect(problems).toEqual([]);
  });

  it('shows a reviewer the groups and who is in which, with nothing to change', async () => {
    const { page, problems } = await signedIn(asReviewer);
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    await toGroups(page);
    expect(await card(page, helsinki).textContent()).toContain('MentorKaisa Hietala, Oodi');
    expect(await card(page, lisbon).textContent()).toContain(
      'Eva Novak, Ljubljana City Library, Ljubljana Not yet told',
    );
    expect(await chosen(page)).toEqual([
      ['Amara Okafor', lisbon],
      ['Bruno Lima', lisbon],
      ['Chen Wei', helsinki],
      ['Dara Byrne', 'Porto circle'],
      ['Eva Novak', lisbon],
    ]);
    expect(await page.locator('main input, main select, main textarea').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save groups' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a group' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Only organizers change the groups.');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
