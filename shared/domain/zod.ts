import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's functional build: the same parser core as `zod` at a fraction of its import cost (about
 * 45 ms of every cold start, measured by `npm run bench`). It ships without messages, so the
 * English ones are set here, once, for the messages no schema sets itself. Import it as a
 * namespace (`import * as z`) so bundles keep only what is used.
 */
config(en());

export * from 'zod/mini';
