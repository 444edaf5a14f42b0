import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts } from '../support/browser.ts';
import {
  asOrganizer,
  type ConsoleFixture,
  consoleFixture,
  consoleSession,
} from '../support/console-session.ts';
import type { WorkerStack } from '../support/test-stack.ts';

/**
 * The console's pages hold still while they load, on a phone-sized window where the navigation
 * wraps onto several rows: what is painted is not pushed down when the session, the navigation
 * and the page's data arrive. Chromium's Layout Instability API reports every shift.
 */
let fixture: ConsoleFixture;
let stack: WorkerStack;

beforeAll(async () => {
  fixture = await consoleFixture();
  ({ stack } = fixture);
});
afterAll(() => closeContexts(fixture?.browser));

type Shift = { value: number; moved: string[] };

/** Opens a page of the console and collects its layout shifts until it has drawn `drawn`. */
const shiftsOf = async (path: string, drawn: string) => {
  const { page, problems } = await consoleSession(fixture, asOrganizer, {
    viewport: { width: 412, height: 823 },
  });
  await page.addInitScript(() => {
    const seen: Shift[] = [];
    Object.assign(window, { shiftsSeen: seen });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        sources?: { node?: Node }[];
      })[])
        seen.push({
          value: entry.value,
          moved: (entry.sources ?? []).map((s) =>
            s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : String(s.node?.nodeName),
          ),
        });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${stack.apiUrl}${path}`);
  await page.locator(drawn).waitFor();
  // Each shift is reported in the frame after it happens.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
  const shifts = await page.evaluate(() => (window as unknown as { shiftsSeen: Shift[] }).shiftsSeen);
  await page.context().close();
  expect(problems).toEqual([]);
  return shifts;
};

describe('the console while it loads', () => {
  it.each([
    ['/staff/', '#nominations'],
    ['/staff/announcements', '#announcements-sent-heading'],
    ['/staff/evaluation', '#evaluation-responded'],
    ['/staff/timeline', '#timeline'],
    ['/staff/program', '#setting-nominationWindow-closesAt'],
  ])('does not move what it has drawn: %s', async (path, drawn) => {
    expect(await shiftsOf(path, drawn)).toEqual([]);
  });
});
