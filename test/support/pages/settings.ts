import type { Page } from 'playwright-core';
import { type ConsoleFixture, consoleFixture, navigateTo, press } from '../console-session.ts';
import { nominationBody } from '../test-stack.ts';

/** For a file's `beforeAll`: the console's fixture, and two places taken. */
export const setUpSettings = async (): Promise<ConsoleFixture> => {
  const fixture = await consoleFixture();
  // Two places taken: the program cannot be made smaller than that.
  for (const name of ['Ola Nordmann', 'Camila Rojas']) {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name };
    await fixture.stack.decided(body, [{ action: 'review', score: 4 }, 'select']);
  }
  return fixture;
};

/** The program's settings as the API gives them. */
export const settingsNow = async ({ stack, organizer }: ConsoleFixture) =>
  (await stack.api('GET', '/programs/metlib-2024/settings', { token: organizer })).json as {
    settingsVersion: number;
    settings: {
      nominationWindow: { opensAt: string; closesAt: string };
      decisionsDueAt: string;
      capacity: { min: number; max: number };
      contactEmail: string;
      evaluation: {
        closesOn: string;
        questions: { id: string; kind: string; text: string; required?: boolean }[];
      };
    };
  };

/** The console's own way to the page: its navigation, with the keyboard. */
export const toSettings = (page: Page) =>
  navigateTo(page, 'Program settings', '#setting-nominationWindow-closesAt');

export const fieldValue = (page: Page, id: string) => page.locator(`#${id}`).inputValue();

export const save = (page: Page) => press(page, 'Save the settings');
