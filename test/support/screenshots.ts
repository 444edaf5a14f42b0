import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { localEnvironment } from '../../local/settings.ts';

const results = join(import.meta.dirname, '../../test-results/screenshots');
const docs = join(import.meta.dirname, '../../docs/screenshots');
/** The screenshots the docs show: written over in docs/screenshots, the others in test-results. */
const documented = new Set(existsSync(docs) ? readdirSync(docs) : []);
/** Only `npm run screenshots` takes them: a run of the suite leaves the tree as it found it. */
const taking = localEnvironment.screenshots;

/** A screenshot of the page (whole) or of one part of it, under `npm run screenshots`. */
export const screenshot = async (target: Page | Locator, name: string) => {
  if (!taking) return;
  const folder = documented.has(name) ? docs : results;
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
};
