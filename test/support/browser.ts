import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, localEnvironment } from '../../local/settings.ts';

/** Debian's Chromium (installed by .ci/run), headless and quiet. */
export const launchChromium = () =>
  chromium.launch({ executablePath: localEnvironment.chromiumPath, args: chromiumArgs });

let workerBrowser: Promise<Browser> | undefined;

/**
 * The Chromium of this test worker, launched by its first browser test and shared by the files
 * the worker runs after it, one at a time; each file works in contexts of its own and closes them
 * (`closeContexts`). Playwright closes the browser when the worker ends.
 */
export const workerChromium = () => {
  workerBrowser ??= launchChromium();
  return workerBrowser;
};

/** Closes every context of the browser: what a file opened, so the next file starts clean. */
export const closeContexts = async (browser: Browser | undefined) => {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
};

const axeSource = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it stands, as "rule target…". axe is
 * evaluated through the browser's debugging protocol, which a page's CSP does not govern.
 */
export const seriousAxeViolations = async (page: Page): Promise<string[]> => {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const result = await (window as any).axe.run();
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: { id: string; nodes: { target: string[] }[] }) =>
          `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`,
      );
  });
};

/**
 * The page's script errors, as they happen: what it throws and logs as an error. The browser's
 * own "Failed to load resource" lines are left out: they log a refusal the page handles.
 */
export const scriptProblems = (page: Page): string[] => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  return problems;
};

/** A tab of a new context in UTC (a page must show its reader's zone, not the browser's), at `url`. */
export const openPage = async (
  browser: Browser,
  url: string,
  options: { javaScriptEnabled?: boolean } = {},
) => {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const problems = scriptProblems(page);
  await page.goto(url);
  return { page, problems };
};

/**
 * axe-core's serious and critical violations on a public page shown with JavaScript on or off. axe
 * needs script (its checks wait on timers), so with JavaScript off it scans a twin: a tab of its
 * own with script on, which `load` fills with the same page. The public pages have no script of
 * their own.
 */
export const seriousAxeViolationsEitherWay = async (
  browser: Browser,
  page: Page,
  javaScriptEnabled: boolean,
  load: (twin: Page) => Promise<void>,
) => {
  if (javaScriptEnabled) return seriousAxeViolations(page);
  const context = await browser.newContext({ timezoneId: 'UTC' });
  try {
    const twin = await context.newPage();
    await load(twin);
    return await seriousAxeViolations(twin);
  } finally {
    await context.close();
  }
};

/**
 * The page's headings start at one h1 and never skip a level going down; with `summaryAbove` (a
 * page whose error summary's h2 stands above its h1) they hold one h1 but may start before it.
 */
export const headingsInOrder = (page: Page, options: { summaryAbove?: boolean } = {}) =>
  page.evaluate((summaryAbove) => {
    const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) =>
      Number(h.tagName[1]),
    );
    return (
      (summaryAbove ? levels[0] !== undefined : levels[0] === 1) &&
      levels.filter((l) => l === 1).length === 1 &&
      levels.every((l, i) => i === 0 || l <= (levels[i - 1] as number) + 1)
    );
  }, options.summaryAbove ?? false);

/** The focused element is outlined: a keyboard user sees where they are. */
export const focusIsVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
  });
