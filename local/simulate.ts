import { commandLine } from './command-line.ts';
import { quietNodeVersionNotice } from './settings.ts';
import { runSimulation } from './simulation.ts';

const help = `Usage: npm run simulate -- [--nominations 200] [--selected 18] [--reserves 3] [--undecided 7] [--seed 2024] [--json]

Plays the MetLib Learning Circle 2024 on a fresh in-memory local stack: nominations (each
confirmed from the link in its nominator's email), reviews and selection in February 2024, then every scheduled event until April 2025 on a virtual clock.
Ends with a report of the emails per kind against what the timeline calls for; exits 1 if any
is missing or duplicated.
`;

const { values, integer, usageError } = commandLine(help, {
  nominations: { type: 'string', default: '200' },
  selected: { type: 'string', default: '18' },
  reserves: { type: 'string', default: '3' },
  undecided: { type: 'string', default: '7' },
  seed: { type: 'string', default: '2024' },
  json: { type: 'boolean', default: false },
});
const nominations = integer('nominations', { min: 0 });
const selected = integer('selected', { min: 0, max: 20 });
const reserves = integer('reserves', { min: 0, max: 999 });
const undecided = integer('undecided', { min: 0 });
const seed = integer('seed');
if (selected + reserves + undecided > nominations) {
  usageError('--selected, --reserves and --undecided together must not exceed --nominations.');
}

quietNodeVersionNotice();
const log = values.json ? () => {} : (line: string) => process.stdout.write(`  ${line}\n`);
log(`Simulating the 2024 program with ${nominations} nominations (seed ${seed})…`);
const report = await runSimulation({
  nominations,
  selected,
  reserves,
  undecided,
  seed,
  progress: log,
});

if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const rows = Object.entries(report.expectedByKind).map(
    ([kind, expected]) =>
      `  ${kind.padEnd(22)} ${String(report.emailsByKind[kind] ?? 0).padStart(5)} of ${expected}`,
  );
  process.stdout.write(`
Emails per kind (sent of expected)
${rows.join('\n')}

  participants           ${report.participants} (one withdrew after the decision; the first reserve took the place)
  sent through SES       ${report.sentThroughSes}
  schedule firings       ${report.scheduleFirings}, and ${report.sweeps} outbox sweeps (${report.failedFirings} failed)
  dead letters           ${report.deadLetters}
  unsent in the outbox   ${report.unsent}
  duplicates             ${report.duplicates}
  wall time              ${report.wallSeconds} s

${report.ok ? 'OK: every expected email sent once.' : `NOT OK: missing ${JSON.stringify(report.missing)}`}
`);
}
process.exit(report.ok ? 0 : 1);
