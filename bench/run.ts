import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine } from '../local/command-line.ts';
import type { DecisionDayReport } from '../local/decision-day.ts';
import { startDynamoDbLocal } from '../local/emulators.ts';
import { freePort } from '../local/listen.ts';
import { quietNodeVersionNotice } from '../local/settings.ts';
import { startStack } from '../local/stack.ts';
import { initOnly, timeModuleInit } from './init-only.ts';
import { benchLimits } from './intake.ts';
import { auditPages, type LighthouseResults, lighthouseFailures, lighthouseTable } from './lighthouse.ts';
import { benchmarkReport, type SimulatedYear } from './report.ts';
import { countRequests } from './request-counts.ts';
import { consoleFirstLoad, measureStaffListing } from './staff-listing.ts';
import { measureSubmitLatency } from './submit-latency.ts';

/**
 * `npm run bench`: one run, ratios measured against floors in the same run, a table printed and
 * written to BENCHMARKS.md. Only Lighthouse's scores fail the run (below 95); the rest is
 * reported, and the test suite asserts behaviour only.
 */
const { values: options } = commandLine(
  `Usage: npm run bench [-- --lighthouse-only]

Measures, in one run of five minutes or more, and writes BENCHMARKS.md: each function's bundle
(from cdk synth) imported under Node 24 against a floor bundle, the DynamoDB requests per
submission and per transition, submit latency through the local gateway against a bare
transaction, decision day (1,000 applicants unpaced, 2,000 at 20 emails a second), the
simulated program year, and Lighthouse's
scores of every page (the form, the staff console signed out and signed in). Exits with 1 if
a Lighthouse score is below 95.

  --lighthouse-only   only the Lighthouse part (two to ten minutes): prints its table, leaves
                      BENCHMARKS.md as it is
  --json              with --lighthouse-only: the results as JSON on stdout, and exit 0
  --init-only         only the module init of each bundle against its floor (a few minutes):
                      prints its table, leaves BENCHMARKS.md as it is
`,
  {
    'lighthouse-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'init-only': { type: 'boolean', default: false },
  },
);
quietNodeVersionNotice();
const say = (line: string) => process.stdout.write(`  ${line}\n`);
const started = Date.now();
/** Prints the failures, if any, and sets the exit code: a score below the goal fails the run. */
const judge = (lighthouse: LighthouseResults) => {
  const failures = lighthouseFailures(lighthouse);
  if (!failures.length) return;
  process.stderr.write(`\nLighthouse scores below 95:\n${failures.map((f) => `  ${f}\n`).join('')}`);
  process.exitCode = 1;
};
if (options['lighthouse-only']) {
  // With --json (as the full run calls it), progress goes to stderr and the results to stdout.
  const lighthouse = await auditPages((line) =>
    (options.json ? process.stderr : process.stdout).write(`  ${line}\n`),
  );
  if (options.json) {
    process.stdout.write(JSON.stringify(lighthouse));
    process.exit();
  }
  process.stdout.write(`\n${lighthouseTable(lighthouse)}\n\nHTML reports: ${lighthouse.reportsDir}\n`);
  judge(lighthouse);
  process.exit();
}
if (options['init-only']) {
  await initOnly(say);
  process.exit();
}
const work = mkdtempSync(join(tmpdir(), 'metlib-bench-'));

// 1. Module init of each bundle against its floor.
const init = await timeModuleInit(work, say);

// 2. DynamoDB requests per submission and per transition, counted by an SDK middleware.
say('counting DynamoDB requests…');
const dynamo = await startDynamoDbLocal({ port: await freePort() });
const counting = await countRequests(dynamo.endpoint);
const { doc, perSubmission, perTransition } = counting;

// 3. Submit through the gateway against a bare TransactWriteItems of the same items.
say('submit latency: 300 through the gateway, 300 bare transactions…');
const stack = await startStack({
  apiPort: 0,
  schedulerPort: 0,
  sesPort: 0,
  dynamoDbEndpoint: dynamo.endpoint,
  keyFile: join(work, 'key.json'),
  tableName: 'bench-stack',
  mailFrom: 'MetLib <learning-circle@metlib.example.org>',
  clockStart: '2024-02-01T14:00:00Z',
  clockSpeed: 0,
});
const { submitMs, bareMs } = await measureSubmitLatency(stack.apiUrl, doc);

// Last on this DynamoDB Local: 2,000 more items and 60 full listings would slow what follows.
say('the staff console: its first load, and listing 2,000 nominations against the bare query…');
const staffListing = await measureStaffListing({
  doc,
  tableName: 'bench',
  nominations: counting.nominations,
  programs: counting.programs,
  clock: counting.clock,
  links: counting.links,
  limits: benchLimits,
  countRequests: counting.requests,
});
const firstLoad = consoleFirstLoad();
await stack.stop();
await dynamo.stop();

// 4. Decision day, each on a stack of its own in a process of its own (the SES emulator's rate,
// and the handlers' configuration, are per process).
const lastLine = (output: Buffer) => output.toString().trim().split('\n').at(-1) ?? '{}';
const decisionDay = (args: string) =>
  JSON.parse(
    lastLine(
      execSync(`npx tsx local/deadline-rush.ts ${args} --json`, {
        cwd: join(import.meta.dirname, '..'),
        maxBuffer: 1 << 24,
      }),
    ),
  ) as DecisionDayReport;
say('decision day: 1,000 applicants notified at once, no sending rate…');
const unpaced = decisionDay('--decision-day 1000');
say('decision day: 2,000 applicants at SES’s 20 emails a second…');
const paced = decisionDay('--decision-day 2000 --send-rate 20');

// 5. The simulated program year.
say('the simulated program year (200 nominations)…');
// In a process of its own: handler modules read their configuration once per process.
const year = JSON.parse(
  execSync('npx tsx local/simulate.ts --json', {
    cwd: join(import.meta.dirname, '..'),
    maxBuffer: 1 << 24,
  }).toString(),
) as SimulatedYear;

// 6. Lighthouse, last and alone: its performance score is timed on this shared machine. In a
// process of its own, like the year: its stack's handlers must read that stack's configuration.
say('Lighthouse on every page, one at a time…');
const lighthouse = JSON.parse(
  execSync('npx tsx bench/run.ts --lighthouse-only --json', {
    cwd: join(import.meta.dirname, '..'),
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  }).toString(),
) as LighthouseResults;

const markdown = benchmarkReport({
  init,
  perSubmission,
  perTransition,
  staffListing,
  firstLoad,
  submitMs,
  bareMs,
  decisionDay: { unpaced, paced },
  year,
  lighthouse,
});
writeFileSync(join(import.meta.dirname, '../BENCHMARKS.md'), markdown);
rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `\n${markdown}\nWrote BENCHMARKS.md in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`,
);
judge(lighthouse);
