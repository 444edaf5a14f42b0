import { catalog, recurringSchedule } from '#functions/catalog';
import { commandLine } from './command-line.ts';
import { staffAccounts } from './oidc/accounts.ts';
import { localDefaults, localStaffPassword, quietNodeVersionNotice } from './settings.ts';
import { startStack } from './stack.ts';

const help = `Usage: npm start -- [options]

Starts the whole system on this machine: DynamoDB Local, the SES emulator, the EventBridge
Scheduler emulator, the OpenID provider where staff sign in, the stream poller and the HTTP API
gateway with every function of functions/catalog.ts; then syncs each program's schedules,
creates the recurring ones, and prints where everything is. Ctrl-C stops it all.

Options:
  --port N            API and form port (default ${localDefaults.apiPort})
  --ses-port N        SES emulator and inbox port (default ${localDefaults.sesPort})
  --ses-send-rate N   the SES emulator's sending rate, emails a second: beyond it a send is
                      refused as SES refuses it (Throttling, "Maximum sending rate
                      exceeded."), and GetSendQuota reports it (default: unlimited)
  --dynamodb-port N   DynamoDB Local port (default ${localDefaults.dynamoDbPort})
  --scheduler-port N  EventBridge Scheduler emulator port (default ${localDefaults.schedulerPort})
  --oidc-port N       OpenID provider port, where staff sign in (default ${localDefaults.oidcPort})
  --in-memory         keep no table data between runs (default: DynamoDB Local keeps it in
                      .local/dynamodb); the signing keys (npm run token's, the OpenID
                      provider's) stay in .local/keys either way, and schedules are synced
                      again at every start
  --clock ISO|now     the instant the clock starts at once everything is up (default
                      ${localDefaults.clock}, inside the 2024 nomination window); "now" uses the
                      real clock
  --speed N           how many times faster than real time the clock runs, a positive number
                      (default 1; ignored with --clock now)
  --verbose           the functions' own log lines from INFO up (default: warnings and errors)
  -h, --help          this text
`;

const { values, integer, usageError } = commandLine(help, {
  port: { type: 'string', default: String(localDefaults.apiPort) },
  'ses-port': { type: 'string', default: String(localDefaults.sesPort) },
  'ses-send-rate': { type: 'string' },
  'dynamodb-port': { type: 'string', default: String(localDefaults.dynamoDbPort) },
  'scheduler-port': { type: 'string', default: String(localDefaults.schedulerPort) },
  'oidc-port': { type: 'string', default: String(localDefaults.oidcPort) },
  'in-memory': { type: 'boolean', default: false },
  clock: { type: 'string', default: localDefaults.clock },
  speed: { type: 'string', default: '1' },
  verbose: { type: 'boolean', default: false },
});

const port = (name: 'port' | 'ses-port' | 'dynamodb-port' | 'scheduler-port' | 'oidc-port') =>
  integer(name, { min: 1, max: 65535 });
const apiPort = port('port');
const sesPort = port('ses-port');
const sesSendRate = values['ses-send-rate'] === undefined ? undefined : integer('ses-send-rate', { min: 1 });
const dynamoDbPort = port('dynamodb-port');
const schedulerPort = port('scheduler-port');
const oidcPort = port('oidc-port');
const clock = values.clock === 'now' ? undefined : values.clock;
if (clock !== undefined && Number.isNaN(Date.parse(clock))) {
  usageError(`--clock must be an ISO instant or "now"; got "${clock}".`);
}
const speed = Number(values.speed);
if (!(speed > 0)) usageError(`--speed must be a positive number; got "${values.speed}".`);

/** A failure once the options are fine: say it plainly, without the help. */
function fail(message: string): never {
  process.stderr.write(`\n  ✗ ${message}\n\n`);
  process.exit(1);
}

quietNodeVersionNotice();
process.stdout.write('Starting the MetLib nominations local stack…\n');
const stack = await startStack({
  apiPort,
  sesPort,
  ...(sesSendRate ? { sesSendRate } : {}),
  dynamoDbPort,
  schedulerPort,
  oidcPort,
  oidcKeyFile: localDefaults.oidcKeyFile,
  ...(values['in-memory'] ? {} : { dataDir: localDefaults.dataDir }),
  keyFile: localDefaults.keyFile,
  tableName: localDefaults.tableName,
  mailFrom: localDefaults.mailFrom,
  ...(clock ? { clockStart: clock, clockSpeed: speed } : {}),
  log: (line) => process.stdout.write(`  ${new Date().toISOString().slice(11, 19)}  ${line}\n`),
  logLevel: values.verbose ? 'INFO' : 'WARN',
}).catch((error: Error) => fail(error.message));

process.stdout.write(`
  Nomination form    http://localhost:${apiPort}/
  Staff console      http://localhost:${apiPort}/staff
  API                http://localhost:${apiPort}   (e.g. GET /programs/metlib-2024)
  Email inbox        http://localhost:${sesPort}   (sending rate: ${sesSendRate ? `${sesSendRate} a second` : 'unlimited'})
  DynamoDB Local     http://localhost:${dynamoDbPort}   (table ${localDefaults.tableName}, ${values['in-memory'] ? 'in memory' : `data in ${localDefaults.dataDir}`})
  Scheduler          http://localhost:${schedulerPort}   (EventBridge Scheduler API; fired: /_local/invocations)
  Staff sign-in      ${stack.oidcIssuer}   (OpenID provider, client ${stack.consoleClientId}; password ${localStaffPassword} for all)
${staffAccounts.map((a) => `                       ${a.email.padEnd(32)} ${a.groups.join(', ')}`).join('\n')}
  Clock              ${clock ? `starts at ${new Date(clock).toISOString()}, ×${speed}` : 'real time'}
${stack.syncReports
  .map(
    (r) =>
      `  Schedules          ${r.group}: ${r.created.length + r.updated.length + r.unchanged.length} upcoming, ${r.skippedPast.length} already past, waiting for a date: ${r.waitingForDate.join(', ') || 'none'}`,
  )
  .join('\n')}
${catalog
  .flatMap((e) =>
    e.every
      ? [`  Recurring          ${e.name}, ${recurringSchedule(e.every).expression}: ${e.description}`]
      : [],
  )
  .join('\n')}

  An organizer token:  npm run --silent token -- --group organizers --email you@example.org
  Stop with Ctrl-C.
`);

// DynamoDB Local deletes nothing past its TTL: the stack does it, once a minute of real time
// (on AWS within a day or two), so personal data leaves the local table as it would the real one.
const expirySweep = setInterval(() => {
  stack
    .sweepExpired()
    .then((count) => {
      if (count)
        process.stdout.write(
          `  ${new Date().toISOString().slice(11, 19)}  TTL: ${count} expired items deleted\n`,
        );
    })
    .catch((error: Error) => process.stderr.write(`  TTL sweep failed: ${error.message}\n`));
}, 60_000);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(expirySweep);
  process.stdout.write('\nStopping…\n');
  await stack.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
