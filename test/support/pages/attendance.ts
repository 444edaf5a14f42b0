import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { metlib2024 } from '../../../events/programs/metlib-2024.ts';
import {
  type ConsoleFixture,
  consoleFixture,
  focused,
  focusLandsOn,
  navigateTo,
  press,
} from '../console-session.ts';
import { seedNomination } from '../seed.ts';

/** Five participants, in name order, each told of their selection; Eva leaves the program. */
export const seeds = [
  { name: 'Amara Okafor', library: 'Lagos State Library', city: 'Lagos', country: 'NG' },
  { name: 'Bruno Lima', library: 'Biblioteca Mário de Andrade', city: 'São Paulo', country: 'BR' },
  { name: 'Chen Wei', library: 'Shanghai Library', city: 'Shanghai', country: 'CN' },
  { name: 'Dara Byrne', library: 'Dublin City Libraries', city: 'Dublin', country: 'IE' },
  { name: 'Eva Novak', library: 'Ljubljana City Library', city: 'Ljubljana', country: 'SI' },
];
/** The four who stay once Eva has left. */
export const four = seeds.filter((s) => s.name !== 'Eva Novak');
export const meetings = metlib2024.timeline.filter((e) => e.kind === 'meeting').map((e) => e.id);

export interface AttendanceFixture extends ConsoleFixture {
  /** The participants' nomination ids and addresses, by name. */
  id: Record<string, string>;
  email: Record<string, string>;
}

/**
 * For a file's `beforeAll`: the console's fixture, the five participants seeded, and the clock on
 * 12 June 2024: April, May and June's meetings have been held; July's has not.
 */
export const setUpAttendance = async (): Promise<AttendanceFixture> => {
  const fixture = { ...(await consoleFixture()), id: {}, email: {} } as AttendanceFixture;
  for (const s of seeds) {
    const seeded = await seedNomination(fixture.stack, fixture.organizer, s.name, {
      shape: (body) => {
        body.library = { ...body.library, name: s.library, city: s.city, country: s.country };
      },
    });
    fixture.id[s.name] = seeded.id;
    fixture.email[s.name] = seeded.email;
  }
  await fixture.stack.advanceTo('2024-06-12T12:00:00Z');
  return fixture;
};

/** Keeps a meeting's register through the API, as an organizer; throws unless it is saved. */
export const keepRegister = async (
  { stack, organizer }: AttendanceFixture,
  meeting: string,
  body: { marks: Record<string, string>; expectedVersion: number; note?: string },
) => {
  const kept = await stack.api('PUT', `/programs/metlib-2024/attendance/${meeting}`, {
    token: organizer,
    body,
  });
  if (kept.status !== 200)
    throw new Error(`The register of ${meeting} answered ${kept.status}: ${kept.text}`);
};

/**
 * The registers as the keyboard tests of attendance-registers-console leave them: April's with
 * Bruno absent, then Eva withdrawn, then June's with Dara excused.
 */
export const keepAprilAndJune = async (fixture: AttendanceFixture) => {
  const { stack, organizer, id } = fixture;
  await keepRegister(fixture, 'meeting-2024-04', {
    marks: Object.fromEntries(seeds.map((s) => [id[s.name], s.name === 'Bruno Lima' ? 'absent' : 'present'])),
    expectedVersion: 0,
    note: 'Bruno’s connection failed',
  });
  await stack.takeThrough(id['Eva Novak'] as string, ['withdraw'], organizer);
  await keepRegister(fixture, 'meeting-2024-06', {
    marks: Object.fromEntries(four.map((s) => [id[s.name], s.name === 'Dara Byrne' ? 'excused' : 'present'])),
    expectedVersion: 0,
  });
};

interface EventNow {
  id: string;
  version: number;
  marks: Record<string, string>;
}

/** A meeting's register as the API gives it. */
export const registerNow = async ({ stack, organizer }: AttendanceFixture, eventId: string) =>
  (
    (await stack.api('GET', '/programs/metlib-2024/attendance', { token: organizer })).json as {
      events: EventNow[];
    }
  ).events.find((e) => e.id === eventId) as EventNow;

/** The certificates a participant was emailed. */
export const certificates = async ({ stack, email }: AttendanceFixture, name: string) =>
  (await stack.inbox(email[name] as string)).filter((e) => e.subject.startsWith('Your certificate'));

/** The console's own way to the page: its navigation, with the keyboard. */
export const toAttendance = (page: Page) => navigateTo(page, 'Attendance', '#attendance-year');

/** From the list, a meeting's register by its link, with the keyboard: the focus lands on its heading. */
export const toRegister = async (page: Page, day: string) => {
  await press(page, `Monthly online meeting, ${day}`, 'A');
  await focusLandsOn(page, 'register-heading');
  expect(await page.locator('#register-heading').textContent()).toBe(`Monthly online meeting, ${day}`);
};

/** Each row of the register: the participant and their mark as the page shows it. */
export const marked = (page: Page) =>
  page.locator('#register tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const name = (r.querySelector('th')?.textContent ?? '').trim();
      if (!r.querySelector('input'))
        return [name, (r.querySelector('td:last-child')?.textContent ?? '').trim()];
      return [name, r.querySelector('input:checked + label')?.textContent ?? 'Not marked'];
    }),
  );

/** The year's table as it is seen: the headings, and each row's cells (a mark as its symbol). */
export const yearSeen = (page: Page) =>
  page.locator('#attendance-year').evaluate((table) => {
    const seen = (c: Element) =>
      (
        c.querySelector('.govuk-tag')?.textContent ??
        c.querySelector('[aria-hidden="true"]')?.textContent ??
        c.textContent ??
        ''
      ).trim();
    return {
      head: Array.from(table.querySelectorAll('thead th'), seen),
      rows: Array.from(table.querySelectorAll('tbody tr'), (r) => Array.from(r.children, seen)),
    };
  });

export const save = (page: Page) => press(page, 'Save the register');

/** On a nomination's page, "Issue the certificate now", then yes, with the keyboard. */
export const issueCertificate = async (page: Page) => {
  await press(page, 'Issue the certificate now');
  await focusLandsOn(page, 'confirm-certificate-heading');
  expect(await page.locator('#confirm-certificate').textContent()).toContain(
    'is emailed the certificate at once',
  );
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Yes, issue and email it' });
  await page.keyboard.press('Enter');
};
