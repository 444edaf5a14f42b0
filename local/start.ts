import { parseArgs } from 'node:util';
import { catalog, recurringSchedule } from '#functions/catalog';
import { localDefaults } from './settings.ts';
import { startStack } from './stack.ts';

const help = `Usage: npm start -- [options]

Starts the whole system on this machine: DynamoDB Local, the SES emulator, the stream poller
and the HTTP API gateway with every function of functions/catalog.ts.

Options:
  --port N            API and form port (default ${localDefaults.apiPort})
  --ses-port N        SES emulator and inbox port (default ${localDefaults.sesPort})
  --dynamodb-port N   DynamoDB Local port (default ${localDefaults.dynamoDbPort})
  --scheduler-port N  EventBridge Scheduler emulator port (default ${localDefaults.schedulerPort})
  --in-memory         keep no data between runs (default: data persists in .local/)
  --clock ISO|now     the instant the clock starts at (default ${localDefaults.clock},
                      inside the 2024 nomination window); "now" uses the real clock
  --speed N           how many times faster than real time the clock runs (default 1)
  --verbose           log every function's own log lines
  -h, --help          this text
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'ses-port': { type: 'string' },
    'dynamodb-port': { type: 'string' },
    'scheduler-port': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    clock: { type: 'string', default: localDefaults.clock },
    speed: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(help);
  process.exit(0);
}

const port = (value: string | undefined, fallback: number, name: string) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`--${name} must be a port number, got "${value}"`);
  return n;
};

function fail(message: string): never {
  process.stderr.write(`\n  ✗ ${message}\n\n`);
  process.exit(1);
}

const clock = values.clock === 'now' ? undefined : values.clock;
if (clock !== undefined && Number.isNaN(Date.parse(clock)))
  fail(`--clock must be an ISO instant or "now", got "${clock}"`);
const speed = Number(values.speed);
if (!(speed > 0)) fail(`--speed must be a positive number, got "${values.speed}"`);

const apiPort = port(values.port, localDefaults.apiPort, 'port');
const sesPort = port(values['ses-port'], localDefaults.sesPort, 'ses-port');
const dynamoDbPort = port(values['dynamodb-port'], localDefaults.dynamoDbPort, 'dynamodb-port');
const schedulerPort = port(values['scheduler-port'], localDefaults.schedulerPort, 'scheduler-port');

// Lambda runs these handlers on Node 24; the SDK's notice about Node 20 is known and only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.stdout.write('Starting the MetLib nominations local stack…\n');
const stack = await startStack({
  apiPort,
  sesPort,
  dynamoDbPort,
  schedulerPort,
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
  API                http://localhost:${apiPort}   (e.g. GET /programs/metlib-2024)
  Email inbox        http://localhost:${sesPort}
  DynamoDB Local     http://localhost:${dynamoDbPort}   (table ${localDefaults.tableName}, ${values['in-memory'] ? 'in memory' : `data in ${localDefaults.dataDir}`})
  Scheduler          http://localhost:${schedulerPort}   (EventBridge Scheduler API; fired: /_local/invocations)
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

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  await stack.stop();
  process.stdout.write('Stopped.\n');
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
