import type { Page } from 'playwright-core';
import {
  type ConsoleAt,
  type ConsoleFixture,
  consoleFixture,
  consoleSession,
  type Focused,
  type StaffMember,
  tabTo as tabToElement,
} from '../console-session.ts';
import { nominationBody } from '../test-stack.ts';

/** Four nominations, by library and candidate; the third's is reviewed. */
export const libraries = [
  { name: 'Oslo Public Library', city: 'Oslo', country: 'NO', candidate: 'Ola Nordmann' },
  { name: 'Biblioteca Pública de Bogotá', city: 'Bogotá', country: 'CO', candidate: 'Camila Rojas' },
  { name: 'Nairobi City Libraries', city: 'Nairobi', country: 'KE', candidate: 'Wanjiru Kamau' },
  { name: 'Helsinki City Library', city: 'Helsinki', country: 'FI', candidate: 'Aino Virtanen' },
];

export interface NominationsFixture extends ConsoleFixture {
  /** The nominations' ids, in the order of `libraries`. */
  ids: string[];
}

/** For a file's `beforeAll`: the console's fixture and the four nominations, one reviewed. */
export const setUpNominations = async (): Promise<NominationsFixture> => {
  const fixture: NominationsFixture = { ...(await consoleFixture()), ids: [] };
  const { stack, organizer, ids } = fixture;
  for (const [i, l] of libraries.entries()) {
    const body = nominationBody();
    body.library = { ...body.library, name: l.name, city: l.city, country: l.country };
    body.candidate = { ...body.candidate, name: l.candidate };
    body.project = { ...body.project, type: i % 2 ? 'partnerships' : 'new-major-branch' };
    ids.push((await stack.nominate(body)).id);
  }
  // One reviewed, so the table has a score to sort by.
  await stack.api('POST', `/nominations/${ids[2]}/transitions`, {
    token: organizer,
    body: { action: 'review', score: 4, note: 'Strong partnerships' },
  });
  return fixture;
};

/** A signed-in person at a page of the console, as soon as it has been asked for. */
export const signedIn = async (fixture: ConsoleAt, as: StaffMember, path = '/staff/') => {
  const opened = await consoleSession(fixture, as);
  await opened.page.goto(`${fixture.stack.apiUrl}${path}`);
  return opened;
};

export const tabTo = (page: Page, describe: (el: Focused) => boolean) => tabToElement(page, describe, 120);

/** The first cell of each row of the table of nominations: its candidate. */
export const rowsShown = (page: Page) =>
  page.locator('#nominations tbody tr td:first-child').allTextContents();
