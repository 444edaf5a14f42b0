import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContexts, seriousAxeViolations, workerChromium } from '../support/browser.ts';
import { screenshot } from '../support/screenshots.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

/** A person at the nomination form, in Debian's Chromium (installed by .ci/run). */
let stack: WorkerStack;
let browser: Browser;

beforeAll(async () => {
  stack = await testStack();
  browser = await workerChromium();
});
afterAll(async () => {
  await closeContexts(browser);
});

const open = async (options: { javaScriptEnabled?: boolean; timezoneId?: string } = {}) => {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    timezoneId: options.timezoneId ?? 'UTC',
  });
  const page = await context.newPage();
  await page.goto(`${stack.apiUrl}/`);
  return page;
};

const tag = () => Math.random().toString(36).slice(2, 10);

const fillAll = async (page: Page, email: string) => {
  await page.getByLabel('Name of the library').fill('Oslo Public Library');
  await page.getByLabel('City', { exact: true }).fill('Oslo');
  await page.getByLabel('Country').selectOption('NO');
  await page.getByLabel('Population of the city').fill('717,710');
  await page.getByLabel('Your full name').fill('Kari Nordmann');
  await page.getByLabel('Your role').fill('Library Director');
  await page.getByLabel('Your email address').fill(`director-${email}`);
  await page.getByLabel("Candidate's full name").fill('Ola Nordmann');
  await page.getByLabel("Candidate's role or title").fill('Head of Branches');
  await page.getByLabel("Candidate's email address").fill(email);
  await page.getByLabel("Candidate's time zone").fill('Europe/Oslo');
  await page.getByLabel('New major branch').check();
  await page.getByLabel('Project title').fill('Deichman Furuset');
  await page
    .getByLabel('Describe the project')
    .fill('A branch built with the neighbourhood, open every day.');
  await page
    .getByLabel('Why should the candidate join')
    .fill('Ola wants to learn how peers run partnerships in big cities.');
  await page.getByLabel('Civic Engagement').check();
  await page.locator('#f-travel-libraryCoversTravel-first').check();
  await page.locator('#f-travel-conditionalOnStipend-no').check();
  await page.getByLabel('The candidate can use working hours').check();
  await page.getByLabel('The candidate commits to active participation').check();
  await page.getByLabel('The candidate can take part in professional exchange').check();
};

describe('the nomination form in a browser', () => {
  it('takes a complete nomination to the check-your-email page, and confirmed from the link to the inbox', async () => {
    const page = await open();
    await screenshot(page, 'form.png');
    const email = `browser-${tag()}@library.example.org`;
    await fillAll(page, email);
    await page.getByRole('button', { name: 'Send nomination' }).click();
    await page.waitForURL(/\/nominate\/submitted\?ref=/);
    await expect(page.getByRole('heading', { name: 'Check your email' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'confirmation.png');

    await page.goto(`${stack.apiUrl}${await stack.linkFor(`director-${email}`)}`);
    await page.getByRole('button', { name: 'Confirm the nomination' }).click();
    await page.getByRole('heading', { name: 'Nomination confirmed' }).waitFor();
    const [acknowledgement, ...more] = (await stack.inbox(email)).filter((e) =>
      e.destination.to.includes(email),
    );
    expect(acknowledgement?.subject).toMatch(/^Nomination received: Ola Nordmann/);
    expect(more).toEqual([]);
  });

  it('shows the errors in a summary that takes the focus, and beside each field', async () => {
    const page = await open();
    await page.getByLabel('Population of the city').fill('300000');
    await page.getByRole('button', { name: 'Send nomination' }).click();
    const summary = page.locator('#error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await summary.textContent()).toContain(
      'Not eligible: the program is for cities of more than 400,000 people',
    );
    expect(await page.locator('#f-library-name-error').textContent()).toContain("Enter the library's name");
    expect(await page.title()).toMatch(/^Error: /);
    await summary.getByRole('link', { name: "Enter the library's name" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-library-name');
    await screenshot(page, 'errors.png');
  });

  it('can be completed with the keyboard alone', async () => {
    const page = await open();
    const email = `keyboard-${tag()}@library.example.org`;
    const typed: Record<string, string> = {
      'library.name': 'Tallinn Central Library',
      'library.city': 'Tallinn',
      'library.cityPopulation': '450000',
      'nominator.name': 'Mari Tamm',
      'nominator.role': 'Director',
      'nominator.email': `director-${email}`,
      'candidate.name': 'Jaan Kask',
      'candidate.role': 'Deputy Director',
      'candidate.email': email,
      'candidate.timeZone': 'Europe/Tallinn',
      'project.title': 'A library in every district',
      'project.description': 'New branches in the districts with the fewest services.',
      motivation: 'Jaan wants to learn how other capitals plan their libraries.',
    };
    const seen = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return { name: el?.name ?? '', type: el?.type ?? '', tag: el?.tagName ?? '', id: el?.id ?? '' };
      });
      if (focused.tag === 'BUTTON') break;
      const key = `${focused.name}:${focused.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (typed[focused.name] !== undefined) await page.keyboard.type(typed[focused.name] as string);
      else if (focused.tag === 'SELECT') await page.keyboard.type('Estonia');
      else if (
        focused.type === 'checkbox' &&
        (focused.name.startsWith('commitments.') || focused.id === 'f-themes-first')
      )
        await page.keyboard.press('Space');
      else if (focused.type === 'radio') await page.keyboard.press('Space');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/nominate\/submitted\?ref=/);
    expect(await stack.linkFor(`director-${email}`)).toMatch(/^\/nominations\/confirm\//);
  });

  it('works with JavaScript turned off, and shows errors from the server the same way', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.getByRole('button', { name: 'Send nomination' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#error-summary').textContent()).toContain('Choose at least one theme');
    const email = `nojs-${tag()}@library.example.org`;
    await fillAll(page, email);
    await page.getByRole('button', { name: 'Send nomination' }).click();
    await page.waitForURL(/\/nominate\/submitted\?ref=/);
    expect(await stack.linkFor(`director-${email}`)).toMatch(/^\/nominations\/confirm\//);
  });

  it('tells the reader the deadline in their own time zone', async () => {
    const page = await open({ timezoneId: 'Asia/Tokyo' });
    const local = await page.locator('#deadline-local').textContent();
    expect(local).toContain(
      'In your time zone (Asia/Tokyo) that is Friday 16 February 2024, 13:59 (Tokyo time, UTC+9).',
    );
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const page = await open();
    const scan = () => seriousAxeViolations(page);
    expect(await scan()).toEqual([]);
    await page.getByRole('button', { name: 'Send nomination' }).click();
    expect(await scan()).toEqual([]);
  });
});

describe('the form’s script under the Content-Security-Policy', () => {
  it('is allowed by the hash of the very script the page serves, and by nothing inline else', async () => {
    const answer = await fetch(`${stack.apiUrl}/`);
    const body = await answer.text();
    const scripts = [...body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const served = createHash('sha256')
      .update(scripts[0] ?? '', 'utf8')
      .digest('base64');
    const scriptSrc = /script-src ([^;]*)/.exec(answer.headers.get('content-security-policy') ?? '')?.[1];
    expect(scriptSrc).toBe(`'sha256-${served}'`);
  });

  it('runs in Chromium: the program’s rule for a number checked in the page, with no request and no violation', async () => {
    const context = await browser.newContext({ timezoneId: 'UTC' });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${stack.apiUrl}/`);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.getByLabel('Population of the city').fill('300000');
    await page.getByRole('button', { name: 'Send nomination' }).click();
    await expect(page.locator('#f-library-cityPopulation-error').textContent()).resolves.toContain(
      'Not eligible: the program is for cities of more than 400,000 people',
    );
    expect(posts).toEqual([]);
    expect(refused).toEqual([]);
  });
});

describe('the privacy notice', () => {
  it('is reached from the form by keyboard, gives the program’s periods, and passes axe-core', async () => {
    const page = await open();
    await page.locator('#privacy-link').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/programs\/metlib-2024\/privacy$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Privacy notice');
    await expect(page.locator('#retention-decision').textContent()).resolves.toBe('6 months');
    await expect(page.locator('#retention-participants').textContent()).resolves.toBe('12 months');
    expect(await page.getByRole('link', { name: 'privacy@metlib.example.org' }).getAttribute('href')).toBe(
      'mailto:privacy@metlib.example.org',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    const answer = await fetch(`${stack.apiUrl}/programs/metlib-2024/privacy`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answer.headers.get('content-encoding')).toBe('br');
  });
});
