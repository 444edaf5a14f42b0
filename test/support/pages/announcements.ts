import type { Page, Request } from 'playwright-core';
import {
  asOrganizer,
  type ConsoleAt,
  type ConsoleFixture,
  consoleFixture,
  consoleSession,
  navigateTo,
  type StaffMember,
  tabTo,
} from '../console-session.ts';
import { seedNomination } from '../seed.ts';
import type { Step } from '../test-stack.ts';

export type Person = { name: string; email: string; nominator: string; id: string };

/** The mentoring groups: Lisbon circle empty, Helsinki circle with these members. */
export const groups = (helsinki: string[]) => [
  { id: 'lisbon', name: 'Lisbon circle', mentor: 'Ana Santos', members: [] },
  { id: 'helsinki', name: 'Helsinki circle', mentor: 'Anna-Maria Soininvaara', members: helsinki },
];

export interface AnnouncementsFixture extends ConsoleFixture {
  /** Ola, Camila and Wanjiru, told of their selection; Wanjiru is in Helsinki circle. */
  participants: Person[];
  /** Aino, told she is first on the reserve list. */
  reserve: Person;
}

/**
 * For a file's `beforeAll`: the console's fixture, three participants, one on the reserve list and
 * one not yet decided (in no audience but all applicants), and the mentoring groups (version 1).
 */
export const setUpAnnouncements = async (): Promise<AnnouncementsFixture> => {
  const fixture = await consoleFixture();
  const { stack, organizer } = fixture;
  const seed = (name: string, steps: Step[]): Promise<Person> =>
    seedNomination(stack, organizer, name, { steps });
  const participants: Person[] = [];
  for (const name of ['Ola Nordmann', 'Camila Rojas', 'Wanjiru Kamau']) {
    participants.push(
      await seed(name, [{ action: 'review', score: 4 }, { action: 'select' }, { action: 'notify' }]),
    );
  }
  const reserve = await seed('Aino Virtanen', [
    { action: 'review', score: 3 },
    { action: 'reserve', rank: 1 },
    { action: 'notify' },
  ]);
  // Not yet decided: in no audience but all applicants.
  await seed('Kenji Sato', [{ action: 'review', score: 2 }]);
  const arranged = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
    token: organizer,
    body: { groups: groups([participants[2]?.id ?? '']), expectedVersion: 0 },
  });
  if (arranged.status !== 200) throw new Error(`Groups answered ${arranged.status}: ${arranged.text}`);
  return { ...fixture, participants, reserve };
};

/** Someone signed in at the console's first page; the requests to send an announcement, as sent. */
export const signedIn = async (fixture: ConsoleAt, as: StaffMember = asOrganizer) => {
  const opened = await consoleSession(fixture, as, { viewport: { width: 1280, height: 900 } });
  const sends: { id: string; subject: string }[] = [];
  opened.page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/programs/metlib-2024/announcements')
      sends.push(r.postDataJSON());
  });
  await opened.page.goto(`${fixture.stack.apiUrl}/staff/`);
  await opened.page.locator('#nominations').waitFor();
  return { ...opened, sends };
};

/** The console's own way to the page: its navigation, with the keyboard. */
export const toAnnouncements = (page: Page) =>
  navigateTo(page, 'Announcements', '#announcements-sent-heading');

/** Writes an announcement: the audience's radio (the first of the group, then arrows), subject, message. */
export const write = async (page: Page, text: { arrows?: number; subject: string; body: string }) => {
  // The group choice is open once the program's mentoring groups are read; the arrows count on it.
  await page.locator('#announcement-audience-group:not([disabled])').waitFor();
  await tabTo(page, (el) => el.id === 'announcement-audience-participants');
  for (let i = 0; i < (text.arrows ?? 0); i++) await page.keyboard.press('ArrowDown');
  // With none chosen, Space chooses the radio with the focus; arrows choose as they move.
  if (!text.arrows) await page.keyboard.press('Space');
  await tabTo(page, (el) => el.id === 'announcement-subject');
  await page.keyboard.type(text.subject);
  await tabTo(page, (el) => el.id === 'announcement-body');
  await page.keyboard.type(text.body);
};

/** The announcements sent, as the API lists them. */
export const listed = async ({ stack, organizer }: ConsoleFixture) =>
  (await stack.api('GET', '/programs/metlib-2024/announcements', { token: organizer })).json
    .announcements as { id: string; subject: string; sentAt: string; recipients: number }[];

export const received = async ({ stack }: ConsoleFixture, address: string, subject: string) =>
  (await stack.inbox(address)).filter((e) => e.subject === subject);
