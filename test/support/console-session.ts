import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import type { TestStack } from './test-stack.ts';

export type Focused = { tag: string; text: string; id: string };

/**
 * A signed-in console tab as oidc-client-ts keeps its session (sessionStorage,
 * `oidc.user:<authority>:<client>`), holding a token of the local signing key: the one place
 * the browser tests know how the console signs in. `problems` collects the page's script errors.
 */
export const consoleSession = async (
  browser: Browser,
  stack: TestStack,
  config: { authority: string; client_id: string },
  as: { groups: string[]; email: string },
  options: { expiresIn?: number; viewport?: { width: number; height: number } } = {},
) => {
  const expiresIn = options.expiresIn ?? 3600;
  const token = await stack.token({ ...as, expiresIn: Math.floor(Date.now() / 1000) + expiresIn });
  const user = {
    id_token: token,
    access_token: token,
    token_type: 'Bearer',
    scope: 'openid email profile',
    profile: decodeJwt(token),
    expires_at: Math.floor(Date.now() / 1000) + expiresIn,
  };
  const context = await browser.newContext({
    timezoneId: 'UTC',
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  await context.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem(key as string)) sessionStorage.setItem(key as string, value as string);
    },
    [`oidc.user:${config.authority}:${config.client_id}`, JSON.stringify(user)],
  );
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Script errors only: the browser also logs each refusal of the API, which the console handles.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  return { page, problems };
};

/** What has the keyboard focus: its tag, text and id. */
export const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const a = document.activeElement as HTMLElement | null;
    return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim(), id: a?.id ?? '' };
  });

/** Presses Tab until the focused element is the one asked for, as a keyboard user would. */
export const tabTo = async (page: Page, describe: (el: Focused) => boolean, limit = 200) => {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (describe(await focused(page))) return;
  }
  throw new Error('Tabbed through the page without reaching the element');
};

/**
 * Types a wall time into a `datetime-local` input that has the focus on its first part, as
 * Chromium shows it in the browser's (American) locale: month, day, year, hour, minute, AM/PM.
 * Each part moves on to the next once full, but the year (which may have six digits): Tab does.
 */
export const typeWallTime = async (page: Page, wall: string) => {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall) ?? [];
  const h = Number(hour);
  const twelve = String(h % 12 === 0 ? 12 : h % 12).padStart(2, '0');
  await page.keyboard.type(`${month}${day}${year}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${twelve}${minute}${h < 12 ? 'A' : 'P'}`);
};
