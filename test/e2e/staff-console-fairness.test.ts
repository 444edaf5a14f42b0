import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations } from '../support/browser.ts';
import { asOrganizer } from '../support/console-session.ts';
import { type NominationsFixture, setUpNominations, signedIn, tabTo } from '../support/pages/nominations.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * Fair judging at the staff console, in Debian's Chromium with the keyboard: a review needs a
 * score before it counts, and an organizer who declared a conflict of interest reads the
 * nomination without its reviews and notes and is offered nothing to decide.
 */
let fixture: NominationsFixture;
let stack: WorkerStack;
let ids: string[];

beforeAll(async () => {
  fixture = await setUpNominations();
  ({ stack, ids } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

describe('fair judging at the staff console', () => {
  it('answers a review sent without a score with the error summary, leading to the score', async () => {
    const id = ids[0] as string;
    const reviewer = { groups: ['reviewers'], email: 'reviewer2@metlib.example.org' };
    const { page, problems } = await signedIn(fixture, reviewer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Ola Nordmann' }).waitFor();
    await tabTo(page, (el) => el.id === 'review-note');
    await page.keyboard.type('Promising, but I have not made up my mind.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('score');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('score-1');
    const stored = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(stored.json).toMatchObject({ status: 'submitted', reviews: { count: 0 } });

    // With a score it counts; the note typed is still there.
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
    await tabTo(page, (el) => el.text === 'Send review');
    await page.keyboard.press('Enter');
    await page.getByText('Review saved').waitFor();
    const reviewed = await stack.api('GET', `/nominations/${id}`, { token: await stack.organizer() });
    expect(reviewed.json.history.at(-1)).toMatchObject({
      action: 'review',
      score: 3,
      note: 'Promising, but I have not made up my mind.',
    });
    expect(problems).toEqual([]);
  });

  it('shows an organizer who declared a conflict neither reviews, notes nor a decision to make', async () => {
    // The third nomination carries a review with a note ("Strong partnerships").
    const id = ids[2] as string;
    const declared = await stack.api('POST', `/nominations/${id}/conflicts`, {
      token: await stack.token(asOrganizer),
      body: { note: 'She is my sister' },
    });
    expect(declared.status).toBe(201);
    const { page, problems } = await signedIn(fixture, asOrganizer, `/staff/nominations/${id}`);
    await page.getByRole('heading', { name: 'Wanjiru Kamau' }).waitFor();
    await page.locator('#conflict-declared').waitFor();
    expect(await page.getByText('Strong partnerships').count()).toBe(0);
    expect(await page.getByText('She is my sister').count()).toBe(0);
    for (const name of ['Select', 'Reject', 'Send review', 'Save the correction'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
