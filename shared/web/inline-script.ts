import { createHash } from 'node:crypto';
import { SafeHtml } from '../email/html.ts';

/** A script a page carries inline, and what the page's Content-Security-Policy allows it by. */
export interface InlineScript {
  /** The `<script>` element, its text exactly `source`. */
  element: SafeHtml;
  /** The CSP source expression `'sha256-…'` of that text. */
  hash: string;
}

/**
 * The element and its hash from the one source, so the policy cannot allow something other than
 * what the page runs. The source is fixed when the module loads (no request data goes in it),
 * which is what lets the hash be fixed too: a page's data goes in attributes the script reads.
 */
export const inlineScript = (source: string): InlineScript => {
  // An end tag inside would end the element early and run the rest as markup.
  if (/<\/script/i.test(source)) throw new Error('An inline script may not contain "</script"');
  return {
    element: new SafeHtml(`<script>${source}</script>`),
    // CSP hashes the script's text as UTF-8 (CSP Level 3, "does a source list allow all inline
    // behavior", with the element's text).
    hash: `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`,
  };
};
