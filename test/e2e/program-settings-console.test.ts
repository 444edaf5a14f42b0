import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations, workerChromium } from '../support/browser.ts';
import {
  asOrganizer,
  focused,
  openConsole,
  reviewerSections,
  type StaffMember,
  sectionsShown,
  tabTo,
  typeOver,
  typeWallTime,
} from '../support/console-session.ts';
import { screenshot } from '../support/screenshots.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer changes the program's settings in the staff console, in Debian's Chromium, with
 * the keyboard alone: the closing date in the program's zone, a refusal placed on its field, a
 * stale form, and a change that would break what has happened. Reviewers do not see the page.
 */
let stack: WorkerStack;
let browser: Browser;
let config: { authority: string; client_id: string };
let organizer: string;

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  // Two places taken: the program cannot be made smaller than that.
  for (const name of ['Ola Nordmann', 'Camila Rojas']) {
    const body = nominationBody();
    body.candidate = { ...body.candidate, name };
    await stack.decided(body, [{ action: 'review', score: 4 }, 'select']);
  }
  config = (await stack.api('GET', '/staff/config.json')).json;
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

const settingsNow = async () =>
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

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(browser, stack, config, as);

/** The console's own way to the page: its navigation, with the keyboard. */
const toSettings = async (page: Page) => {
  await tabTo(page, (el) => el.tag === 'A' && el.text === 'Program settings');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Program settings' }).waitFor();
  await page.locator('#setting-nominationWindow-closesAt').waitFor();
};

const fieldValue = (page: Page, id: string) => page.locator(`#${id}`).inputValue();

const save = async (page: Page) => {
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Save the settings');
  await page.keyboard.press('Enter');
};

/** The error summary once it has the focus, as its text. */
const refusal = async (page: Page, text: string) => {
  const summary = page.locator('#error-summary', { hasText: text });
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5000 });
  return summary.textContent();
};

/** Follows the summary's first link with the keyboard: the focus goes into its field. */
const followFirstLink = async (page: Page, text: string) => {
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'A', text });
  await page.keyboard.press('Enter');
  return (await focused(page)).id;
};

// The evaluation's questions put some forty stops between the dates and the Save button: on a
// busy machine, tabbing through them takes longer than the default timeout.
describe('the program settings in the staff console', { timeout: 120_000 }, () => {
  it('moves the closing date in the program’s zone and the contact address, with a note, into the history', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    expect(page.url()).toBe(`${stack.apiUrl}/staff/program`);
    // 23:59:59 in New York on 15 February, as the program file has it.
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-15T23:59');
    expect(await fieldValue(page, 'setting-decisionsDueAt')).toBe('2024-02-19T09:00');
    expect(await fieldValue(page, 'setting-capacity-max')).toBe('20');
    expect(await page.locator('#settings-about').textContent()).toContain('New York time (America/New_York)');
    expect(await page.locator('#setting-group-nominationWindow-hint').textContent()).toContain(
      'New York time (America/New_York)',
    );
    expect(await page.locator('#settings-history').textContent()).toContain('No changes yet');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.id === 'setting-nominationWindow-closesAt');
    await typeWallTime(page, '2024-02-20T23:59');
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-20T23:59');
    await typeOver(page, 'setting-contactEmail', 'circle@metlib.example.org');
    await tabTo(page, (el) => el.id === 'setting-note');
    await page.keyboard.type('One week more for late nominators');
    await save(page);

    // Decisions would then be due before nominations close: the API says so, on that field.
    const message = 'Decisions due: decisions cannot be due before nominations close';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#setting-decisionsDueAt-error').textContent()).toBe(
      'Error: decisions cannot be due before nominations close',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await followFirstLink(page, message)).toBe('setting-decisionsDueAt');
    await typeWallTime(page, '2024-02-26T09:00');
    expect(await fieldValue(page, 'setting-decisionsDueAt')).toBe('2024-02-26T09:00');
    // What was typed before the refusal is still there, the note too.
    expect(await fieldValue(page, 'setting-contactEmail')).toBe('circle@metlib.example.org');
    await save(page);

    await page.locator('.govuk-notification-banner', { hasText: 'Saved' }).waitFor();
    expect(await page.locator('#error-summary').count()).toBe(0);
    const stored = await settingsNow();
    expect(stored.settingsVersion).toBe(1);
    expect(stored.settings.nominationWindow).toEqual({
      opensAt: '2024-01-08T00:00:00-05:00',
      closesAt: '2024-02-21T04:59:59.000Z',
    });
    expect(stored.settings.decisionsDueAt).toBe('2024-02-26T14:00:00.000Z');
    expect(stored.settings.contactEmail).toBe('circle@metlib.example.org');
    expect(await fieldValue(page, 'setting-nominationWindow-closesAt')).toBe('2024-02-20T23:59');
    expect(await fieldValue(page, 'setting-note')).toBe('');

    const rows = page.locator('#settings-history tbody tr');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('organizer@metlib.example.org');
    expect(row).toContain(
      'Nominations close: Thursday 15 February 2024, 23:59 → Tuesday 20 February 2024, 23:59',
    );
    expect(row).toContain('Decisions due: Monday 19 February 2024, 09:00 → Monday 26 February 2024, 09:00');
    expect(row).toContain('Contact address: learning-circle@metlib.example.org → circle@metlib.example.org');
    expect(row).toContain('One week more for late nominators');
    expect(row).not.toContain('Nominations open');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'console-program-settings.png');
    expect(problems).toEqual([]);
  });

  it('places a refusal on its field, and shows the settings again when someone else changed them', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    await typeOver(page, 'setting-capacity-min', '30');
    await save(page);
    const message = 'Places: the minimum must not be more than the maximum';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#setting-group-capacity-error').textContent()).toBe(
      'Error: the minimum must not be more than the maximum',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await followFirstLink(page, message)).toBe('setting-capacity-min');
    expect((await settingsNow()).settings.capacity).toEqual({ min: 15, max: 20 });

    // Meanwhile another organizer changes the contact address: this form is now stale.
    const other = await stack.api('PUT', '/programs/metlib-2024/settings', {
      token: organizer,
      body: { contactEmail: 'programme@metlib.example.org', expectedVersion: 1 },
    });
    expect(other.status).toBe(200);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('18');
    await save(page);
    expect(await refusal(page, 'Someone else changed the settings')).toContain('(version 2)');
    expect(await fieldValue(page, 'setting-contactEmail')).toBe('programme@metlib.example.org');
    expect(await fieldValue(page, 'setting-capacity-min')).toBe('15');
    expect(await page.locator('#settings-history tbody tr').count()).toBe(2);
    expect((await settingsNow()).settings.capacity).toEqual({ min: 15, max: 20 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses fewer places than are taken, in the API’s words, saving nothing', async () => {
    const before = await settingsNow();
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    await typeOver(page, 'setting-capacity-min', '1');
    await typeOver(page, 'setting-capacity-max', '1');
    await save(page);
    const message = '2 places are taken; the program cannot have fewer than that';
    expect(await refusal(page, message)).toContain(message);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await settingsNow()).toEqual(before);
    // Nothing is lost: the values typed stay for the organizer to correct.
    expect(await fieldValue(page, 'setting-capacity-max')).toBe('1');
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('rewords, adds and reorders the evaluation’s questions, and places an empty one’s refusal on it', async () => {
    const before = await settingsNow();
    const questions = before.settings.evaluation.questions;
    expect(questions).toHaveLength(7);
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    const section = page.locator('.app-evaluation-settings');
    expect(await section.getByRole('heading', { name: 'Evaluation' }).count()).toBe(1);
    expect(await fieldValue(page, 'setting-evaluation-closesOn')).toBe('2025-03-26');
    expect(await fieldValue(page, 'evaluation-question-0-text')).toBe(
      'How useful was the learning circle for your work?',
    );
    expect(await fieldValue(page, 'evaluation-question-0-kind')).toBe('rating');
    expect(await page.locator('#evaluation-question-4-required').isChecked()).toBe(false);
    expect(await page.locator('#evaluation-question-6-required').isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Reworded, then a free-text question added at the end and moved above the recommendation.
    await typeOver(
      page,
      'evaluation-question-0-text',
      'How useful was the learning circle for your library?',
    );
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.text === 'Add a question');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'evaluation-question-7-text');
    expect(await fieldValue(page, 'evaluation-question-7-kind')).toBe('text');
    await page.keyboard.type('Which session should the next cohort keep?');
    await tabTo(page, (el) => el.id === 'evaluation-question-7-up');
    expect((await focused(page)).text).toBe('Move up: question 8');
    await page.keyboard.press('Enter');
    // The focus stays on the moved question's button, now the seventh's.
    await page.waitForFunction(() => document.activeElement?.id === 'evaluation-question-6-up');
    expect(await fieldValue(page, 'evaluation-question-6-text')).toBe(
      'Which session should the next cohort keep?',
    );
    expect(await fieldValue(page, 'evaluation-question-7-kind')).toBe('recommend');
    expect(await page.locator('.app-evaluation-settings [role="status"]').textContent()).toBe(
      'Question 8 moved up: it is now question 7.',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await tabTo(page, (el) => el.id === 'setting-note');
    await page.keyboard.type('A question for the next cohort');
    await save(page);

    await page.locator('.govuk-notification-banner', { hasText: 'Saved' }).waitFor();
    const stored = await settingsNow();
    expect(stored.settingsVersion).toBe(before.settingsVersion + 1);
    expect(stored.settings.evaluation).toEqual({
      closesOn: '2025-03-26',
      questions: [
        { ...questions[0], text: 'How useful was the learning circle for your library?' },
        ...questions.slice(1, 6),
        {
          id: 'which-session-should-the-next-cohort',
          kind: 'text',
          text: 'Which session should the next cohort keep?',
        },
        questions[6],
      ],
    });
    const row = (await page.locator('#settings-history tbody tr').first().textContent()) ?? '';
    expect(row).toContain(
      'Question reworded: “How useful was the learning circle for your work?” → “How useful was the learning circle for your library?”',
    );
    expect(row).toContain(
      'Question added: “Which session should the next cohort keep?” (Free text, optional)',
    );
    expect(row).toContain('A question for the next cohort');
    expect(await fieldValue(page, 'evaluation-question-6-text')).toBe(
      'Which session should the next cohort keep?',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(section, 'console-evaluation-questions.png');

    // A question without words: the API says so on that question, and nothing is stored.
    await tabTo(page, (el) => el.id === 'evaluation-question-1-text');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await save(page);
    const message = 'Question 2, words: write the question';
    expect(await refusal(page, message)).toContain(message);
    expect(await page.locator('#evaluation-question-1-text-error').textContent()).toBe(
      'Error: write the question',
    );
    expect(await page.locator('#evaluation-question-1-text').getAttribute('aria-describedby')).toBe(
      'evaluation-question-1-text-error',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await followFirstLink(page, message)).toBe('evaluation-question-1-text');
    expect(await settingsNow()).toEqual(stored);
    expect(await page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the questions read-only once the evaluation has opened, and still moves its closing day', async () => {
    const { page, problems } = await signedIn(asOrganizer);
    await toSettings(page);
    const before = await settingsNow();
    // The form was read before the evaluation opened (5 March 2025, 09:00 New York); it opens now.
    await stack.advanceTo('2025-03-10T12:00:00Z');
    await typeOver(page, 'evaluation-question-0-text', 'How useful was the year?');
    await save(page);
    const message =
      'The evaluation has opened and participants may have answered; its questions can no longer change';
    expect(await refusal(page, message)).toContain(message);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const refused = await settingsNow();
    expect(refused).toMatchObject({ settingsVersion: before.settingsVersion, settings: before.settings });
    expect(refused).toMatchObject({ evaluationState: 'open' });

    await page.reload();
    await page.locator('#evaluation-questions-frozen').waitFor();
    expect(await page.locator('#evaluation-questions-frozen').textContent()).toContain(
      'its questions can no longer change',
    );
    expect(await page.locator('#evaluation-question-0-text').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a question' }).count()).toBe(0);
    const listed = await page.locator('#evaluation-questions li').allTextContents();
    expect(listed).toHaveLength(8);
    expect(listed[0]).toBe(
      'How useful was the learning circle for your library? (Rating from 1 to 5; must be answered)',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, (el) => el.id === 'setting-evaluation-closesOn');
    await page.keyboard.type('03312025');
    expect(await fieldValue(page, 'setting-evaluation-closesOn')).toBe('2025-03-31');
    await save(page);
    // The schedules follow the new closing day (its reminder moves): on a busy machine that takes a while.
    await page.locator('.govuk-notification-banner, #error-summary').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#error-summary').allTextContents()).toEqual([]);
    await page.locator('.govuk-notification-banner', { hasText: 'Saved' }).waitFor();
    const stored = await settingsNow();
    expect(stored.settings.evaluation).toEqual({ ...before.settings.evaluation, closesOn: '2025-03-31' });
    expect(await page.locator('#settings-history tbody tr').first().textContent()).toContain(
      'Evaluation closes: Wednesday 26 March 2025 → Monday 31 March 2025',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is not offered to a reviewer', async () => {
    const { page, problems } = await signedIn({
      groups: ['reviewers'],
      email: 'reviewer1@metlib.example.org',
    });
    expect(await sectionsShown(page)).toEqual(reviewerSections);
    expect(await page.getByRole('link', { name: 'Program settings' }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
