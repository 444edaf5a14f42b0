import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool } from '#shared/pool';
import { commandLine } from './command-line.ts';
import { playDecisionDay } from './decision-day.ts';
import { freePort } from './listen.ts';
import { percentile } from './percentile.ts';
import { confirmationLinks } from './sent-emails.ts';
import { quietNodeVersionNotice } from './settings.ts';
import { syntheticNominations } from './simulation-data.ts';
import { startStack } from './stack.ts';

const help = `Usage: npm run load -- [--submissions 2000] [--concurrency 50] [--json]
       npm run load -- --decision-day N [--send-rate R] [--json]

The last hours before the deadline: submissions through the local gateway at a fixed
concurrency, on a fresh in-memory stack; then every nominator confirms from the link in their
email, at the same concurrency. Checks that every accepted nomination is stored once, confirmed
once and got exactly one acknowledgement, and prints throughput and latency percentiles of both.

With --decision-day: N applicants stored as decided (18 selected, the rest not) on a fresh
in-memory stack, all notified at once; every decision email counted per recipient. With
--send-rate, the SES emulator takes R emails a second and refuses the rest as SES does, and the
mailer paces itself to the rate SES reports. Prints, and with --json ends with, an object
{emails, lost, duplicates, seconds, floorSeconds, throttled, …}; floorSeconds is emails ÷ R.
Exits 1 if an email is lost or sent twice.
`;

const { values, integer } = commandLine(help, {
  submissions: { type: 'string', default: '2000' },
  concurrency: { type: 'string', default: '50' },
  json: { type: 'boolean', default: false },
  'decision-day': { type: 'string' },
  'send-rate': { type: 'string' },
});
if (values['decision-day'] !== undefined) {
  quietNodeVersionNotice();
  const sendRate = values['send-rate'] === undefined ? undefined : integer('send-rate', { min: 1 });
  const report = await playDecisionDay({
    applicants: integer('decision-day', { min: 1 }),
    ...(sendRate ? { sendRate } : {}),
    say: values.json ? () => {} : (line) => process.stdout.write(`  ${line}\n`),
  });
  const ok = report.lost === 0 && report.duplicates === 0;
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else
    process.stdout.write(`
Decision day: ${report.applicants} applicants notified at once${sendRate ? `, SES taking ${sendRate} emails a second` : ''}
  emails                  ${report.emails} sent, ${report.lost} lost, ${report.duplicates} sent twice
  time                    ${report.seconds} s${sendRate ? ` (the rate allows no less than ${report.floorSeconds} s: ${(report.seconds / report.floorSeconds).toFixed(2)}×)` : ''}
  refused for the rate    ${report.throttled} (${(report.throttledShare * 100).toFixed(2)} % of sends)
  CPU                     ${report.cpuSeconds.functions} s the functions, gateway and emulators; ${report.cpuSeconds.dynamoDbLocal ?? '?'} s DynamoDB Local

${ok ? 'OK: every decision sent once.' : 'NOT OK'}
${JSON.stringify(report)}
`);
  process.exit(ok ? 0 : 1);
}
const total = integer('submissions', { min: 1 });
const concurrency = integer('concurrency', { min: 1 });
quietNodeVersionNotice();
const say = values.json ? () => {} : (line: string) => process.stdout.write(`  ${line}\n`);

/** Requests at a fixed concurrency: each one's latency and answer, and the wall time of all. */
const rush = async <T>(label: string, items: T[], send: (item: T) => Promise<Response>) => {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const answers = new Map<T, { status: number; json: { id?: string; status?: string } }>();
  let done = 0;
  const began = performance.now();
  await pool(items, concurrency, async (item) => {
    const t = performance.now();
    const response = await send(item);
    const json = (await response.json()) as { id?: string; status?: string };
    latencies.push(performance.now() - t);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    answers.set(item, { status: response.status, json });
    if (++done % 250 === 0) say(`${done} / ${items.length} ${label}`);
  });
  const seconds = (performance.now() - began) / 1000;
  const pct = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
  return {
    answers,
    figures: {
      statuses: Object.fromEntries(statuses),
      throughputPerSecond: Math.round((items.length / seconds) * 10) / 10,
      latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
      wallSeconds: Math.round(seconds * 10) / 10,
    },
  };
};

const domain = `rush-${randomUUID().slice(0, 8)}.example.org`;
say(`Starting an in-memory stack…`);
const stack = await startStack({
  apiPort: 0,
  schedulerPort: 0,
  dynamoDbPort: await freePort(),
  sesPort: 0,
  keyFile: join(tmpdir(), `metlib-rush-key-${randomUUID()}.json`),
  tableName: 'deadline-rush',
  mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
  // An hour before the deadline: 15 February 2024, 23:00 in New York.
  clockStart: '2024-02-16T04:00:00Z',
  clockSpeed: 0,
});
try {
  const bodies = syntheticNominations(total, 15, domain);
  const submitted = await rush('sent', bodies, (body) =>
    fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  const ids = new Set<string>();
  for (const { status, json } of submitted.answers.values()) if (status === 202 && json.id) ids.add(json.id);

  say('waiting for the confirmation emails…');
  await stack.settled();
  const links = confirmationLinks(await stack.sentEmails());
  const toConfirm = bodies.filter((b) => submitted.answers.get(b)?.status === 202);
  const linksMissing = toConfirm.filter((b) => !links.has(b.nominator.email.toLowerCase())).length;
  const confirmed = await rush(
    'confirmed',
    toConfirm.filter((b) => links.has(b.nominator.email.toLowerCase())),
    (body) => fetch(`${stack.apiUrl}${links.get(body.nominator.email.toLowerCase())}`, { method: 'POST' }),
  );
  const confirmedIds = new Set<string>();
  for (const { status, json } of confirmed.answers.values())
    if (status === 200 && json.status === 'submitted' && json.id) confirmedIds.add(json.id);
  say('waiting for the acknowledgements…');
  await stack.settled();

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

  const acks = new Map<string, number>();
  for (const email of await stack.sentEmails()) {
    if (!email.destination.to.some((a) => a.endsWith(`@${domain}`))) continue;
    const id = /Your reference: ([0-9a-f-]{36})/.exec(email.body.text ?? '')?.[1];
    if (id) acks.set(id, (acks.get(id) ?? 0) + 1);
  }
  const report = {
    submissions: total,
    concurrency,
    statuses: submitted.figures.statuses,
    accepted: ids.size,
    confirmationLinksMissing: linksMissing,
    confirmationStatuses: confirmed.figures.statuses,
    confirmed: confirmedIds.size,
    lost: [...ids].filter((id) => !stored.has(id)).length,
    duplicatedRecords: [...stored.values()].filter((n) => n > 1).length,
    storedNotConfirmed: [...stored.keys()].filter((id) => !confirmedIds.has(id)).length,
    acknowledgementsMissing: [...confirmedIds].filter((id) => !acks.has(id)).length,
    acknowledgementsDuplicated: [...acks.values()].filter((n) => n > 1).length,
    throughputPerSecond: submitted.figures.throughputPerSecond,
    latencyMs: submitted.figures.latencyMs,
    wallSeconds: submitted.figures.wallSeconds,
    confirmation: {
      throughputPerSecond: confirmed.figures.throughputPerSecond,
      latencyMs: confirmed.figures.latencyMs,
      wallSeconds: confirmed.figures.wallSeconds,
    },
  };
  const ok =
    report.accepted === total &&
    report.confirmed === report.accepted &&
    report.confirmationLinksMissing === 0 &&
    report.lost === 0 &&
    report.duplicatedRecords === 0 &&
    report.storedNotConfirmed === 0 &&
    report.acknowledgementsMissing === 0 &&
    report.acknowledgementsDuplicated === 0;
  const latency = (l: typeof report.latencyMs) =>
    `p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms`;
  if (values.json) process.stdout.write(`${JSON.stringify({ ...report, ok }, null, 2)}\n`);
  else {
    process.stdout.write(`
Deadline rush: ${total} submissions, ${concurrency} at a time, each confirmed from its email
  answers                 ${JSON.stringify(report.statuses)} to submissions, ${JSON.stringify(report.confirmationStatuses)} to confirmations
  accepted / confirmed    ${report.accepted} / ${report.confirmed} (${report.confirmationLinksMissing} confirmation emails missing)
  lost / duplicated       ${report.lost} / ${report.duplicatedRecords}
  acknowledgements        ${report.confirmed - report.acknowledgementsMissing} of ${report.confirmed}, ${report.acknowledgementsDuplicated} duplicated
  submit                  ${report.throughputPerSecond}/s; ${latency(report.latencyMs)}
  confirm                 ${report.confirmation.throughputPerSecond}/s; ${latency(report.confirmation.latencyMs)}

${ok ? 'OK: every submission confirmed, nothing lost, nothing twice.' : 'NOT OK'}
`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  await stack.stop();
}
