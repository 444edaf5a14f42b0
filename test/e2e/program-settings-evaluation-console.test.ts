import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import {
  asOrganizer,
  type ConsoleFixture,
  focused,
  followFirstLink,
  openConsole,
  press,
  refusal,
  type StaffMember,
  tabTo,
  typeOver,
} from '../support/console-session.ts';
import {
  fieldValue,
  save,
  settingsNow as settingsNowOf,
  setUpSettings,
  toSettings,
} from '../support/pages/settings.ts';
import { screenshot } from '../support/screenshots.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * An organizer changes the evaluation's questions in the program settings of the staff console, in
 * Debian's Chromium, with the keyboard alone: reworded, added and reordered, an empty one's
 * refusal placed on it; read-only once the evaluation has opened, its closing day still moved.
 * The program's other settings are program-settings-console's.
 */
let fixture: ConsoleFixture;
let stack: WorkerStack;

beforeAll(async () => {
  fixture = await setUpSettings();
  ({ stack } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

const settingsNow = () => settingsNowOf(fixture);

/** Someone signed in at the console's first page, its table drawn. */
const signedIn = (as: StaffMember) => openConsole(fixture, as);

// The evaluation's questions put some forty stops between the dates and the Save button: on a
// busy machine, tabbing through them takes longer than the default timeout.
describe('the program settings in the staff console', { timeout: 120_000 }, () => {
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
    await press(page, 'Add a question');
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
});
