import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { page } from '../../shared/http/responses.ts';
import { formScript } from '../../shared/web/form-script.ts';
import { inlineScript } from '../../shared/web/inline-script.ts';
import { nominationFormPage } from '../../shared/web/pages.ts';

const during = new Date('2024-02-01T14:00:00Z');

describe('an inline script and its hash', () => {
  it('hashes the script’s text as browsers do (the CSP specification’s own example)', () => {
    const script = inlineScript("alert('Hello, world.');");
    expect(script.hash).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    expect(script.element.value).toBe("<script>alert('Hello, world.');</script>");
  });

  it('refuses a source that would end its element early', () => {
    expect(() => inlineScript('var a = "</SCRIPT><b>";')).toThrow(/<\/script/);
  });
});

describe('the pages’ Content-Security-Policy', () => {
  it('allows the form’s script by its hash and no inline script else', () => {
    const policy = page(200, '').headers?.['content-security-policy'] as string;
    const scriptSrc = /script-src ([^;]*)/.exec(policy)?.[1];
    expect(scriptSrc).toBe(formScript.hash);
    expect(scriptSrc).not.toContain('unsafe-inline');
  });

  it('is met by the form page: its one script is the hashed one, the program’s rules in an attribute', () => {
    const markup = nominationFormPage(metlib2024, during);
    const scripts = [...markup.matchAll(/<script>[\s\S]*?<\/script>/g)].map((m) => m[0]);
    expect(scripts).toEqual([formScript.element.value]);
    const numbers = /data-numbers="([^"]*)"/.exec(markup)?.[1] ?? '';
    // Escaped as any attribute is, read back by the browser as the JSON it was.
    expect(numbers).not.toContain('"');
    const rules = JSON.parse(
      numbers
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
    expect(rules['library.cityPopulation']).toMatchObject({ moreThan: 400_000 });
  });
});
