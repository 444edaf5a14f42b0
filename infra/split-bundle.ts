import { join } from 'node:path';

/** The same options for every function, in the CDK's bundling and in the split build after it. */
export const bundleBanner =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const shellQuote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * The command that builds a function again with code splitting, over the bundle the CDK's own
 * esbuild step wrote (NodejsFunction names one output file, and esbuild splits only into a
 * folder): index.mjs then holds what the handler imports at load, and each module the code
 * imports with `await import()` (pages, email templates, pdf-lib) is a chunk of its own, read
 * on first use. A single file made every cold start parse all of it before the first request.
 * Minified ESM, tree-shaken, the AWS SDK inside, source maps: as the CDK's step.
 */
export const splitBuildCommand = (projectRoot: string, entryFile: string, outputDir: string) =>
  [
    join(projectRoot, 'node_modules', '.bin', 'esbuild'),
    '--bundle',
    entryFile,
    `--outdir=${outputDir}`,
    '--splitting',
    '--entry-names=index',
    '--chunk-names=chunks/[name]-[hash]',
    '--out-extension:.js=.mjs',
    '--format=esm',
    '--platform=node',
    '--target=node24',
    '--minify',
    '--sourcemap',
    '--main-fields=module,main',
    `--banner:js=${bundleBanner}`,
    '--log-level=warning',
  ]
    .map(shellQuote)
    .join(' ');
