import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README is a map and docs/ the reference: every relative link between them (and from
 * BENCHMARKS.md) leads to a file that exists and, with a #fragment, to a heading of that file.
 * The source's comments and printed strings that name a docs page are held to the same rule.
 */

const root = resolve(import.meta.dirname, '../..');

const markdownUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownUnder(path);
    return name.endsWith('.md') ? [path] : [];
  });

const documents = [
  join(root, 'README.md'),
  join(root, 'BENCHMARKS.md'),
  ...markdownUnder(join(root, 'docs')),
];

/** Fenced code blocks blanked out, line breaks kept, so lines still count. */
const withoutFences = (text: string) =>
  text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\2[`~]*[ \t]*$/gm, (block) =>
    block.replace(/[^\n]/g, ''),
  );

/** Fenced code blocks and inline code spans blanked out: a link in code is no link. */
const withoutCode = (text: string) =>
  withoutFences(text).replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));

/** A heading's anchor as GitHub makes it: lowercase, punctuation but '-' and '_' dropped, spaces to '-'. */
const slug = (heading: string) =>
  heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/** Every anchor a document's headings produce; a repeated heading gets -1, -2 … */
const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading) {
      const base = slug((heading[1] ?? '').replace(/[`*]/g, ''));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const html of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(html[1] ?? '');
  }
  return anchors;
};

/** Relative link targets: inline links and images, and reference definitions. */
const linksOf = (markdown: string) => {
  const text = withoutCode(markdown);
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const definitions = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)];
  return [...inline, ...definitions]
    .map((m) => ({ target: m[1] ?? '', line: lineOf(m.index ?? 0) }))
    .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
};

const anchorCache = new Map<string, Set<string>>();
const anchorsOfFile = (path: string) => {
  let anchors = anchorCache.get(path);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(path, 'utf8'));
    anchorCache.set(path, anchors);
  }
  return anchors;
};

/** What is wrong with a link from `from` to `target` (a path, a path#anchor or #anchor), if anything. */
const problemWith = (from: string, target: string): string | undefined => {
  const hash = target.indexOf('#');
  const path = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const file = path === '' ? from : resolve(dirname(from), decodeURIComponent(path));
  if (!existsSync(file)) return `${relative(root, file)} does not exist`;
  if (anchor === undefined || !file.endsWith('.md')) return undefined;
  if (!anchorsOfFile(file).has(anchor)) return `no heading of ${relative(root, file)} makes #${anchor}`;
  return undefined;
};

describe('the anchors GitHub makes of headings', () => {
  it('lowercases, drops punctuation but hyphens and underscores, and numbers repeats', () => {
    expect(slug("The participants' year")).toBe('the-participants-year');
    expect(slug('Alarms, and least_privilege: 2024 – 2025')).toBe('alarms-and-least_privilege-2024--2025');
    expect(slug('A person’s data (GET /personal-data)')).toBe('a-persons-data-get-personal-data');
    expect([
      ...anchorsOf('# Tests\n\n## `npm test`\n\n```sh\n# not a heading\n```\n\n## Tests\n## Tests\n'),
    ]).toEqual(['tests', 'npm-test', 'tests-1', 'tests-2']);
  });
});

describe('the documentation', () => {
  it('has a README of 300 lines or fewer: a map, with the reference in docs/', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(300);
  });

  it('links only to files that exist and to anchors their headings make', () => {
    const broken = documents.flatMap((document) =>
      linksOf(readFileSync(document, 'utf8')).flatMap(({ target, line }) => {
        const problem = problemWith(document, target);
        return problem ? [`${relative(root, document)}:${line} → ${target}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('is where the source says it is, wherever a comment or message names a docs page', () => {
    const sourceDirs = ['bench', 'console/src', 'events', 'functions', 'infra', 'local', 'shared', 'test'];
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sources(path);
        return /\.(ts|tsx|mts|mjs)$/.test(name) ? [path] : [];
      });
    const broken = sourceDirs.flatMap((dir) =>
      sources(join(root, dir)).flatMap((file) =>
        [
          ...readFileSync(file, 'utf8').matchAll(/\b(README\.md#[\w-]+|docs\/[\w/-]+\.md(?:#[\w-]+)?)/g),
        ].flatMap((m) => {
          const problem = problemWith(join(root, 'README.md'), m[1] ?? '');
          return problem ? [`${relative(root, file)} → ${m[1]}: ${problem}`] : [];
        }),
      ),
    );
    expect(broken).toEqual([]);
  });
});
