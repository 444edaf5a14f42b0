import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine } from './command-line.ts';
import { freePort } from './listen.ts';
import { percentile } from './percentile.ts';
import { pool } from './pool.ts';
import { syntheticNominations } from './simulation-data.ts';
import { startStack } from './stack.ts';

const help = `Usage: npm run load -- [--submissions 2000] [--concurrency 50] [--json]

The last hours before the deadline: submissions through the local gateway at a fixed
concurrency, on a fresh in-memory stack. Then checks that every accepted nomination is stored
once and got exactly one acknowledgement, and prints throughput and latency percentiles.
`;

const { values, integer } = commandLine(help, {
  submissions: { type: 'string', default: '2000' },
  concurrency: { type: 'string', default: '50' },
  json: { type: 'boolean', default: false },
});
const total = integer('submissions', { min: 1 });
const concurrency = integer('concurrency', { min: 1 });
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const say = values.json ? () => {} : (line: string) => process.stdout.write(`  ${line}\n`);

const domain = `rush-${randomUUID().slice(0, 8)}.example.org`;
say(`Starting an in-memory stack…`);
const stack = await startStack({
  apiPort: 0,
  schedulerPort: 0,
  dynamoDbPort: await freePort(),
  sesPort: await freePort(),
  keyFile: join(tmpdir(), `metlib-rush-key-${randomUUID()}.json`),
  tableName: 'deadline-rush',
  mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
  // An hour before the deadline: 15 February 2024, 23:00 in New York.
  clockStart: '2024-02-16T04:00:00Z',
  clockSpeed: 0,
});
try {
  const bodies = syntheticNominations(total, 15, domain);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const ids = new Set<string>();
  let done = 0;
  const began = performance.now();
  await pool(bodies, concurrency, async (body) => {
    const t = performance.now();
    const response = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id?: string };
    latencies.push(performance.now() - t);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status === 201 && json.id) ids.add(json.id);
    if (++done % 250 === 0) say(`${done} / ${total} sent`);
  });
  const seconds = (performance.now() - began) / 1000;
  say('waiting for the acknowledgements…');
  await stack.poller.drained();

  // Stored: page through the program's list with an organizer's token.
  const token = await stack.token({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
  const stored = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = (await (
      await fetch(
        `${stack.apiUrl}/programs/metlib-2024/nominations?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      )
    ).json()) as { items: { id: string }[]; cursor?: string };
    for (const n of page.items) stored.set(n.id, (stored.get(n.id) ?? 0) + 1);
    cursor = page.cursor;
  } while (cursor);

  const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as {
    emails: { destination: { to: string[] }; body: { text?: string } }[];
  };
  const acks = new Map<string, number>();
  for (const email of store.emails) {
    if (!email.destination.to.some((a) => a.endsWith(`@${domain}`))) continue;
    const id = /Your reference: ([0-9a-f-]{36})/.exec(email.body.text ?? '')?.[1];
    if (id) acks.set(id, (acks.get(id) ?? 0) + 1);
  }
  const pct = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  const report = {
    submissions: total,
    concurrency,
    statuses: Object.fromEntries(statuses),
    accepted: ids.size,
    lost: [...ids].filter((id) => !stored.has(id)).length,
    duplicatedRecords: [...stored.values()].filter((n) => n > 1).length,
    storedNotAccepted: [...stored.keys()].filter((id) => !ids.has(id)).length,
    acknowledgementsMissing: [...ids].filter((id) => !acks.has(id)).length,
    acknowledgementsDuplicated: [...acks.values()].filter((n) => n > 1).length,
    throughputPerSecond: Math.round((total / seconds) * 10) / 10,
    latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
    wallSeconds: Math.round(seconds * 10) / 10,
  };
  const ok =
    report.lost === 0 &&
    report.duplicatedRecords === 0 &&
    report.storedNotAccepted === 0 &&
    report.acknowledgementsMissing === 0 &&
    report.acknowledgementsDuplicated === 0 &&
    (statuses.get(201) ?? 0) + (statuses.get(409) ?? 0) === total;
  if (values.json) process.stdout.write(`${JSON.stringify({ ...report, ok }, null, 2)}\n`);
  else {
    process.stdout.write(`
Deadline rush: ${total} submissions, ${concurrency} at a time
  answers                 ${JSON.stringify(report.statuses)}
  accepted                ${report.accepted}
  lost / duplicated       ${report.lost} / ${report.duplicatedRecords}
  acknowledgements        ${report.accepted - report.acknowledgementsMissing} of ${report.accepted}, ${report.acknowledgementsDuplicated} duplicated
  throughput              ${report.throughputPerSecond} submissions/s
  latency                 p50 ${report.latencyMs.p50} ms, p90 ${report.latencyMs.p90} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms

${ok ? 'OK: nothing lost, nothing twice.' : 'NOT OK'}
`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  await stack.stop();
}
