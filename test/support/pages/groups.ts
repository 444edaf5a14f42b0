import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  type ConsoleFixture,
  consoleFixture,
  focused,
  focusLandsOn,
  navigateTo,
  press,
} from '../console-session.ts';
import { seedNomination } from '../seed.ts';
import { toParticipant } from '../test-stack.ts';

export type Seed = { name: string; library: string; city: string; country: string; told: boolean };

/** Five participants, in name order: four told of their selection, Eva not yet. */
export const seeds: Seed[] = [
  { name: 'Amara Okafor', library: 'Lagos State Library', city: 'Lagos', country: 'NG', told: true },
  {
    name: 'Bruno Lima',
    library: 'Biblioteca Mário de Andrade',
    city: 'São Paulo',
    country: 'BR',
    told: true,
  },
  { name: 'Chen Wei', library: 'Shanghai Library', city: 'Shanghai', country: 'CN', told: true },
  { name: 'Dara Byrne', library: 'Dublin City Libraries', city: 'Dublin', country: 'IE', told: true },
  { name: 'Eva Novak', library: 'Ljubljana City Library', city: 'Ljubljana', country: 'SI', told: false },
];

export interface GroupsFixture extends ConsoleFixture {
  /** The participants' nomination ids and addresses, by name. */
  id: Record<string, string>;
  email: Record<string, string>;
}

/** For a file's `beforeAll`: the console's fixture and the five participants, in no group yet. */
export const setUpGroups = async (): Promise<GroupsFixture> => {
  const fixture: GroupsFixture = { ...(await consoleFixture()), id: {}, email: {} };
  const { stack, organizer, id, email } = fixture;
  for (const s of seeds) {
    const seeded = await seedNomination(stack, organizer, s.name, {
      steps: s.told ? toParticipant : ['review', 'select'],
      shape: (body) => {
        body.library = { ...body.library, name: s.library, city: s.city, country: s.country };
      },
    });
    id[s.name] = seeded.id;
    email[s.name] = seeded.email;
  }
  return fixture;
};

interface GroupsNow {
  groupsVersion: number;
  groups: { id: string; name: string; mentor: string; members: { id: string }[] }[];
  participants: { id: string; group: string | null }[];
}

/** The mentoring groups as the API gives them. */
export const groupsNow = async ({ stack, organizer }: ConsoleFixture) =>
  (await stack.api('GET', '/programs/metlib-2024/mentoring-groups', { token: organizer })).json as GroupsNow;

/** The console's own way to the page: its navigation, with the keyboard. */
export const toGroups = (page: Page) => navigateTo(page, 'Mentoring groups', '#participant-groups');

/** Adds a group with the keyboard: the focus lands in its name, then on to its mentor. */
export const addGroup = async (page: Page, key: string, name: string, mentor: string) => {
  await press(page, 'Add a group');
  await focusLandsOn(page, `group-${key}-name`);
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  expect((await focused(page)).id).toBe(`group-${key}-mentor`);
  await page.keyboard.type(mentor);
};

/** The group chosen in each participant's select, by name, as the select shows it. */
export const chosen = (page: Page) =>
  page
    .locator('#participant-groups tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        (r.querySelector('th')?.childNodes[0]?.textContent ?? '').trim(),
        (r.querySelector('select') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent ??
          (r.querySelector('td:last-child')?.textContent ?? '').trim(),
      ]),
    );

export const save = (page: Page) => press(page, 'Save groups');

export const card = (page: Page, name: string) => page.locator('.govuk-summary-card', { hasText: name });
