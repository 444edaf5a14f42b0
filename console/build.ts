import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';

const here = import.meta.dirname;
export const consoleDist = join(here, 'dist');
const assets = join(consoleDist, 'assets');

/** The path under which the serving function answers for the assets. */
export const assetPath = '/staff/assets/';

/**
 * Several local stacks (one per test file, in parallel) build into the same folder while others
 * serve from it. A file rewritten in place can be read half-written, and a server that caches
 * what it read then serves a truncated bundle for good; so a file whose content is unchanged is
 * left alone, and a changed one is written beside and renamed over, which readers see whole.
 */
const replaceWhole = (path: string, contents: Uint8Array) => {
  if (existsSync(path) && Buffer.compare(readFileSync(path), contents) === 0) return;
  // Beside the folder served, not in it: the server lists the assets folder.
  const temporary = join(consoleDist, `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
};

/**
 * The staff console as static files: a minified entry script, the chunks it shares with the pages
 * loaded when first opened, and one style sheet, each named by its content so it can be cached for
 * good; and an index.html that loads the entry and preloads the chunks it imports (no inline script
 * or style: the CSP forbids both). Synchronous, so the CDK bundling hook can call it. Answers the
 * names of the first load's files.
 */
/**
 * The chunks an output imports before it runs (not those it imports when a page opens), and theirs:
 * the rest of the first load, which the page asks for at once instead of one after the other.
 */
const staticImports = (metafile: Metafile, output: string): string[] => {
  const found = new Set<string>();
  const visit = (path: string) => {
    for (const imported of metafile.outputs[join('console/dist', path)]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || found.has(basename(imported.path))) continue;
      found.add(basename(imported.path));
      visit(`assets/${basename(imported.path)}`);
    }
  };
  visit(output);
  return [...found].sort();
};

export const buildConsole = (): { js: string; css: string; preloaded: string[] } => {
  const result = buildSync({
    entryPoints: { app: join(here, 'src/main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    metafile: true,
    outdir: assets,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  mkdirSync(assets, { recursive: true });
  const written = new Set<string>();
  for (const file of result.outputFiles) {
    replaceWhole(file.path, file.contents);
    written.add(basename(file.path));
  }
  const named = (ext: string) => {
    const name = [...written].find((n) => n.startsWith('app-') && n.endsWith(ext));
    if (!name) throw new Error(`The console build made no ${ext} file`);
    return name;
  };
  const js = named('.js');
  const names = { js, css: named('.css'), preloaded: staticImports(result.metafile, `assets/${js}`) };
  const html = readFileSync(join(here, 'src/index.html'), 'utf8')
    .replace('{{js}}', assetPath + names.js)
    .replace('{{css}}', assetPath + names.css)
    .replace(
      '{{preload}}',
      names.preloaded.map((name) => `<link rel="modulepreload" href="${assetPath}${name}">`).join('\n'),
    );
  replaceWhole(join(consoleDist, 'index.html'), Buffer.from(html));
  for (const old of readdirSync(assets)) if (!written.has(old)) rmSync(join(assets, old), { force: true });
  return names;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = buildConsole();
  console.log(`console/dist: index.html, assets/${names.js}, assets/${names.css}`);
}
