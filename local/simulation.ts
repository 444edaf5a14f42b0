import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool } from '#shared/pool';
import { countCpu } from './cpu-use.ts';
import { freePort } from './listen.ts';
import { confirmationLinks } from './sent-emails.ts';
import { syntheticNominations } from './simulation-data.ts';
import { type Decided, recurringSchedules, reportYear, type SimulationReport } from './simulation-report.ts';
import {
  type Api,
  afterDecisionDay,
  answerEvaluation,
  keepRegisters,
  nothingDoneYet,
} from './simulation-year.ts';
import { type RunningStack, startStack } from './stack.ts';

export type { SimulationReport } from './simulation-report.ts';

export interface SimulationOptions {
  nominations: number;
  selected: number;
  /** Put on the reserve list, in order: the first is offered the place of the one who withdraws. */
  reserves?: number;
  /** Left without a decision on purpose, to show the overdue alert. */
  undecided: number;
  seed: number;
  /** Use a running DynamoDB Local instead of starting one (the test suite's). */
  dynamoDbEndpoint?: string;
  progress?: (line: string) => void;
}

const start = '2024-02-01T12:00:00Z';
const end = new Date('2025-04-01T00:00:00Z');

/**
 * The 2024 program on the local stack, in one go: nominations in the window, reviews, selection
 * (some needing stipends, some left undecided), then the clock jumps from each schedule to the
 * next until April 2025. Counts every email and checks it against what the timeline calls for.
 */
export const runSimulation = async (options: SimulationOptions): Promise<SimulationReport> => {
  const began = Date.now();
  const cpuSince = countCpu();
  const phases: { phase: string; seconds: number }[] = [];
  let phaseStart = began;
  const phaseDone = (phase: string) => {
    phases.push({ phase, seconds: Math.round((Date.now() - phaseStart) / 100) / 10 });
    phaseStart = Date.now();
  };
  // Every address of this run shares a domain of its own, so its emails can be told apart.
  const domain = `simulation-${randomUUID().slice(0, 8)}.example.org`;
  const say = options.progress ?? (() => {});
  const stack: RunningStack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    sesPort: 0,
    ...(options.dynamoDbEndpoint
      ? { dynamoDbEndpoint: options.dynamoDbEndpoint }
      : { dynamoDbPort: await freePort() }),
    keyFile: join(tmpdir(), `metlib-simulation-key-${randomUUID()}.json`),
    tableName: `simulation-${randomUUID()}`,
    mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
    organizerEmails: [`organizers@${domain}`, `advisory-group@${domain}`],
    clockStart: start,
    clockSpeed: 0,
    // Nobody opens the staff console in a simulated year.
    buildConsole: false,
  });
  phaseDone('starting the stack');
  try {
    const api: Api = async (method, path, token, body) => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = await response.json();
      if (!response.ok)
        throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
      return json;
    };
    const organizer = await stack.token({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
    const reviewer = await stack.token({ groups: ['reviewers'], email: 'reviewer@metlib.example.org' });

    const bodies = syntheticNominations(options.nominations, options.seed, domain);
    const ids: string[] = new Array(bodies.length);
    await pool(bodies, 10, async (body, i) => {
      ids[i] = (await api('POST', '/programs/metlib-2024/nominations', undefined, body)).id;
    });
    // Each nominator confirms from the link in their email; only then is the nomination listed.
    await stack.settled();
    const links = confirmationLinks(await stack.sentEmails());
    await pool(bodies, 10, async (body) => {
      const link = links.get(body.nominator.email.toLowerCase());
      if (!link) throw new Error(`No confirmation link was mailed to ${body.nominator.email}`);
      await api('POST', link);
    });
    phaseDone('nominations submitted, and confirmed from their emails');
    say(
      `${ids.length} nominations submitted and confirmed (clock ${stack.now().toISOString().slice(0, 10)})`,
    );

    const decidedCount = ids.length - options.undecided;
    await pool(ids.slice(0, decidedCount), 10, async (id, i) => {
      await api('POST', `/nominations/${id}/transitions`, reviewer, { action: 'review', score: 1 + (i % 5) });
    });
    const reserves = Math.min(options.reserves ?? 2, decidedCount - options.selected);
    const selected = ids.slice(0, options.selected);
    const onReserve = ids.slice(options.selected, options.selected + reserves);
    // In bulk, as the console does it: each decision its own transaction, each reported.
    const decide = async (chosen: string[], action: string) => {
      for (let i = 0; i < chosen.length; i += 100) {
        const batch = chosen.slice(i, i + 100).map((id) => ({ id, action }));
        const report = await api<{ failed: number }>('POST', '/programs/metlib-2024/decisions', organizer, {
          decisions: batch,
        });
        if (report.failed) throw new Error(`${report.failed} of ${batch.length} ${action} decisions failed`);
      }
    };
    await decide(selected, 'select');
    await decide(onReserve, 'reserve');
    await decide(ids.slice(options.selected + reserves, decidedCount), 'reject');
    const decided: Decided = {
      nominations: options.nominations,
      selected: options.selected,
      reserves,
      rejected: decidedCount - options.selected - reserves,
      undecided: options.undecided,
    };
    say(
      `${decidedCount} reviewed: ${decided.selected} selected, ${reserves} on the reserve list, ${decided.rejected} not selected, ${decided.undecided} left undecided`,
    );

    phaseDone('reviews and decisions');
    const done = nothingDoneYet();
    const year = { stack, api, organizer, domain, say, done };
    for (;;) {
      // The program's dates; the 15-minute outbox sweep fires once on the way to each.
      const next = stack.scheduler.nextDue({ oneTimeOnly: true });
      if (!next || next > end) break;
      const before = stack.scheduler.invocations().length;
      await stack.advanceTo(next);
      const fired = stack.scheduler.invocations().slice(before);
      const day = next.toISOString().slice(0, 10);
      say(
        `${day}  ${fired
          .filter((f) => !recurringSchedules.has(f.schedule) || !f.ok)
          .map((f) => `${f.schedule}${f.ok ? '' : ' (failed)'}`)
          .join(', ')}`,
      );
      if (done.evaluated === undefined && fired.some((f) => f.schedule === 'evaluation-2025.evaluation'))
        await answerEvaluation(year, day);
      if (!done.registersKept && fired.some((f) => f.schedule.startsWith('evaluation-')))
        await keepRegisters(year, day);
      if (!done.withdrawn && fired.some((f) => f.schedule === 'decisions-due') && selected.length > 1)
        await afterDecisionDay(year, selected, onReserve, day);
    }
    phaseDone('the year: every schedule, and what staff and participants do on the way');
    await stack.settled();
    const report = await reportYear(stack, { decided, done, domain, began });
    phaseDone('the last emails, and counting them');
    return { ...report, phases, cpuSeconds: cpuSince(stack) };
  } finally {
    await stack.stop();
  }
};
