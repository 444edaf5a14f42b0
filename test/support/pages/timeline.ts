import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ConsoleFixture, consoleFixture, focusLandsOn, navigateTo, tabTo } from '../console-session.ts';
import { nominationBody } from '../test-stack.ts';

/** Two participants told of their selection; Amara is in the Lisbon circle, Bruno in no group. */
export const names = ['Amara Okafor', 'Bruno Lima'] as const;

export interface TimelineFixture extends ConsoleFixture {
  /** The participants' nomination ids and addresses, by name. */
  id: Record<string, string>;
  email: Record<string, string>;
}

/** For a file's `beforeAll`: the console's fixture, the two participants and the Lisbon circle. */
export const setUpTimeline = async (): Promise<TimelineFixture> => {
  const fixture: TimelineFixture = { ...(await consoleFixture()), id: {}, email: {} };
  const { stack, organizer, id, email } = fixture;
  for (const name of names) {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name };
    id[name] = (await stack.decided(body)).id;
    email[name] = body.candidate.email;
  }
  const arranged = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
    token: organizer,
    body: {
      groups: [{ id: 'lisbon', name: 'Lisbon circle', mentor: 'Ana Santos', members: [id['Amara Okafor']] }],
      expectedVersion: 0,
    },
  });
  if (arranged.status !== 200) throw new Error(`Groups answered ${arranged.status}: ${arranged.text}`);
  return fixture;
};

export interface EventNow {
  id: string;
  title: string;
  when: Record<string, unknown>;
  theme?: string;
  facilitator?: string;
  agenda?: string;
  readings?: { title: string; url: string }[];
  joinUrl?: string;
  group?: string;
}

/** The program's timeline as the API gives it. */
export const timelineNow = async ({ stack, organizer }: ConsoleFixture) =>
  (await stack.api('GET', '/programs/metlib-2024/timeline', { token: organizer })).json as {
    timelineVersion: number;
    timeline: EventNow[];
  };

export const eventNow = async (fixture: ConsoleFixture, eventId: string) =>
  (await timelineNow(fixture)).timeline.find((e) => e.id === eventId);

/** The calendar changes a participant was emailed. */
export const changeEmails = async ({ stack, email }: TimelineFixture, name: string) =>
  (await stack.inbox(email[name] as string)).filter(
    (e) => e.subject.startsWith('Changed: ') || e.subject.startsWith('Cancelled: '),
  );

/** The console's own way to the page: its navigation, with the keyboard. */
export const toTimeline = (page: Page) => navigateTo(page, 'Timeline', '#timeline');

/** From the list, an event's "Change" link (named by its title and date), with the keyboard. */
export const toEvent = async (page: Page, title: string, day: string) => {
  await tabTo(page, (el) => el.tag === 'A' && el.text.startsWith(`Change ${title}, ${day}`));
  await page.keyboard.press('Enter');
  await focusLandsOn(page, 'event-heading');
  expect(await page.locator('#event-heading').textContent()).toBe(`Change ${title}`);
};

/** The list's row of an event, as its text. */
export const row = (page: Page, eventId: string) => page.locator(`#event-${eventId}`).textContent();
