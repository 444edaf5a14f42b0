import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { catalog } from '#functions/catalog';
import { documentClient } from '#shared/adapters/aws-clients';
import { tableDesign } from '#shared/adapters/table-design';
import { freePort } from './listen.ts';
import { confirmationLinks } from './nominator-mail.ts';
import { pool } from './pool.ts';
import { syntheticNominations } from './simulation-data.ts';
import { type RunningStack, startStack } from './stack.ts';

export interface SimulationOptions {
  nominations: number;
  selected: number;
  /** Put on the reserve list, in order: the first is offered the place of the one who withdraws. */
  reserves?: number;
  /** Left without a decision on purpose, to show the overdue alert. */
  undecided: number;
  seed: number;
  /** Use running emulators instead of starting them (the test suite's). */
  dynamoDbEndpoint?: string;
  sesEndpoint?: string;
  progress?: (line: string) => void;
}

export interface SimulationReport {
  nominations: number;
  participants: number;
  emailsByKind: Record<string, number>;
  expectedByKind: Record<string, number>;
  missing: Record<string, number>;
  sentThroughSes: number;
  duplicates: number;
  /** Firings of the program's schedules. */
  scheduleFirings: number;
  /** Runs of the recurring outbox sweep, once per clock jump. */
  sweeps: number;
  failedFirings: number;
  deadLetters: number;
  unsent: number;
  wallSeconds: number;
  ok: boolean;
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
  // Every address of this run shares a domain of its own, so its emails can be told apart.
  const domain = `simulation-${randomUUID().slice(0, 8)}.example.org`;
  const organizers = [`organizers@${domain}`, `advisory-group@${domain}`];
  const say = options.progress ?? (() => {});
  const stack: RunningStack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    ...(options.dynamoDbEndpoint
      ? { dynamoDbEndpoint: options.dynamoDbEndpoint }
      : { dynamoDbPort: await freePort() }),
    ...(options.sesEndpoint ? { sesEndpoint: options.sesEndpoint } : { sesPort: await freePort() }),
    keyFile: join(tmpdir(), `metlib-simulation-key-${randomUUID()}.json`),
    tableName: `simulation-${randomUUID()}`,
    mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
    organizerEmails: organizers,
    clockStart: start,
    clockSpeed: 0,
  });
  try {
    const api = async (
      method: string,
      path: string,
      token?: string,
      body?: unknown,
    ): Promise<{ id: string }> => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await response.json()) as { id: string };
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
    await stack.poller.drained();
    const links = await confirmationLinks(stack.sesEndpoint);
    await pool(bodies, 10, async (body) => {
      const link = links.get(body.nominator.email.toLowerCase());
      if (!link) throw new Error(`No confirmation link was mailed to ${body.nominator.email}`);
      await api('POST', link);
    });
    say(
      `${ids.length} nominations submitted and confirmed (clock ${stack.now().toISOString().slice(0, 10)})`,
    );

    const decided = ids.length - options.undecided;
    await pool(ids.slice(0, decided), 10, async (id, i) => {
      await api('POST', `/nominations/${id}/transitions`, reviewer, { action: 'review', score: 1 + (i % 5) });
    });
    const reserves = Math.min(options.reserves ?? 2, decided - options.selected);
    const selected = ids.slice(0, options.selected);
    const onReserve = ids.slice(options.selected, options.selected + reserves);
    // In bulk, as the console does it: each decision its own transaction, each reported.
    const decide = async (chosen: string[], action: string) => {
      for (let i = 0; i < chosen.length; i += 100) {
        const batch = chosen.slice(i, i + 100).map((id) => ({ id, action }));
        const report = (await api('POST', '/programs/metlib-2024/decisions', organizer, {
          decisions: batch,
        })) as unknown as { failed: number };
        if (report.failed) throw new Error(`${report.failed} of ${batch.length} ${action} decisions failed`);
      }
    };
    await decide(selected, 'select');
    await decide(onReserve, 'reserve');
    await decide(ids.slice(options.selected + reserves, decided), 'reject');
    const rejected = decided - options.selected - reserves;
    say(
      `${decided} reviewed: ${options.selected} selected, ${reserves} on the reserve list, ${rejected} not selected, ${options.undecided} left undecided`,
    );

    // After hearing the decision one participant withdraws: they get nothing from then on, and
    // the first reserve is offered the place. Another participant is awarded a travel stipend.
    let withdrawn: string | undefined;
    let offered: string | undefined;
    let stipendAwarded = false;
    let calendarChanged = false;
    /** The participants of the first mentoring group, whose May session alone is dated. */
    let firstGroup = 0;
    let announced = false;
    /** Whether the year's registers were kept: one participant then misses the certificate. */
    let registersKept = false;
    /** How many participants answered the evaluation before its reminder (half of them). */
    let evaluated: number | undefined;
    const firings = () => stack.scheduler.invocations().length;
    const recurring = new Set(catalog.filter((e) => e.every).map((e) => e.name));
    for (;;) {
      // The program's dates; the 15-minute outbox sweep fires once on the way to each.
      const next = stack.scheduler.nextDue({ oneTimeOnly: true });
      if (!next || next > end) break;
      const before = firings();
      stack.setClock(next);
      while (firings() === before) await new Promise((r) => setTimeout(r, 10));
      await stack.scheduler.idle();
      await stack.poller.drained();
      const fired = stack.scheduler.invocations().slice(before);
      say(
        `${next.toISOString().slice(0, 10)}  ${fired
          .filter((f) => !recurring.has(f.schedule) || !f.ok)
          .map((f) => `${f.schedule}${f.ok ? '' : ' (failed)'}`)
          .join(', ')}`,
      );
      if (evaluated === undefined && fired.some((f) => f.schedule === 'evaluation-2025.evaluation')) {
        // Half the participants answer the evaluation at once, from the link in its email.
        await stack.poller.drained();
        // The SES emulator may be shared (the tests run files side by side): this run's emails only.
        const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as {
          emails: { subject: string; body: { text?: string }; destination: { to: string[] } }[];
        };
        const links = store.emails
          .filter(
            (e) =>
              e.subject.startsWith('Your evaluation') &&
              e.destination.to.some((a) => a.endsWith(`@${domain}`)),
          )
          .map((e) => /\/participants\/[A-Za-z0-9_.-]+\/evaluation/.exec(e.body.text ?? '')?.[0])
          .filter((link): link is string => link !== undefined);
        const answering = links.slice(0, Math.floor(links.length / 2));
        for (const [i, link] of answering.entries()) {
          await api('POST', link, undefined, {
            overall: 4 + (i % 2),
            meetings: 4,
            mentoring: 3 + (i % 3),
            conference: 5,
            learned: 'How other cities open their libraries to civic life',
            recommend: i % 5 !== 4,
          });
        }
        evaluated = answering.length;
        say(`${next.toISOString().slice(0, 10)}  ${answering.length} participants answered the evaluation`);
      }
      if (!registersKept && fired.some((f) => f.schedule.startsWith('evaluation-'))) {
        // The last meeting held: organizers fill in the year's registers, everyone present but one
        // participant, absent from the first four meetings (three short of the rule's seven).
        const year = (await api('GET', '/programs/metlib-2024/attendance', organizer)) as unknown as {
          events: { id: string; kind: string; held: boolean; version: number; expected: string[] }[];
        };
        const held = year.events.filter((e) => e.kind === 'meeting' && e.held);
        const absentee = held[0]?.expected[0];
        for (const [i, meeting] of held.entries()) {
          const marks = Object.fromEntries(
            meeting.expected.map((id) => [id, id === absentee && i < 4 ? 'absent' : 'present']),
          );
          await api('PUT', `/programs/metlib-2024/attendance/${meeting.id}`, organizer, {
            marks,
            expectedVersion: meeting.version,
          });
        }
        registersKept = held.length > 0 && absentee !== undefined;
        say(`${next.toISOString().slice(0, 10)}  the registers of ${held.length} meetings kept`);
      }
      if (!withdrawn && fired.some((f) => f.schedule === 'decisions-due') && selected.length > 1) {
        withdrawn = selected.at(-1);
        await api('POST', `/nominations/${withdrawn}/transitions`, organizer, {
          action: 'withdraw',
          note: 'Changed jobs',
        });
        say(`${next.toISOString().slice(0, 10)}  one participant withdrew`);
        offered = onReserve[0];
        if (offered) {
          await api('POST', `/nominations/${offered}/transitions`, organizer, { action: 'offer-place' });
          say(`${next.toISOString().slice(0, 10)}  the first reserve was offered the place`);
        }
        const cohort = (await api('GET', '/programs/metlib-2024/cohort', organizer)) as unknown as {
          participants: { id: string; stipend: { eligible: boolean } }[];
        };
        const eligible = cohort.participants.find((p) => p.stipend.eligible);
        if (eligible) {
          await api('PUT', `/nominations/${eligible.id}/stipend`, organizer, { award: 'awarded' });
          stipendAwarded = true;
          say(`${next.toISOString().slice(0, 10)}  a travel stipend was awarded`);
        }
        // The June meeting moves a week: each participant hears of it once, with a new entry.
        const program = (await api('GET', '/programs/metlib-2024')) as unknown as {
          timeline: { id: string; when: Record<string, unknown> }[];
          timelineVersion: number;
        };
        await api('PUT', '/programs/metlib-2024/timeline', organizer, {
          timeline: program.timeline.map((e) =>
            e.id === 'meeting-2024-06' ? { ...e, when: { at: '2024-06-18T09:00', durationMinutes: 120 } } : e,
          ),
          expectedVersion: program.timelineVersion,
          note: 'Moved a week for the city elections',
        });
        calendarChanged = true;
        say(`${next.toISOString().slice(0, 10)}  the June meeting moved to the 18th`);

        // Two mentoring groups, each member told once; the first group's May session is dated,
        // which only its members hear of and are reminded of. Then a word to every participant.
        const arranged = (await api(
          'GET',
          '/programs/metlib-2024/mentoring-groups',
          organizer,
        )) as unknown as {
          participants: { id: string; told: boolean }[];
        };
        const told = arranged.participants.filter((p) => p.told).map((p) => p.id);
        const half = Math.ceil(told.length / 2);
        firstGroup = half;
        await api('PUT', '/programs/metlib-2024/mentoring-groups', organizer, {
          groups: [
            {
              id: 'lisbon',
              name: 'Lisbon circle',
              mentor: 'Ana Santos, Lisbon Municipal Libraries',
              members: told.slice(0, half),
            },
            {
              id: 'helsinki',
              name: 'Helsinki circle',
              mentor: 'Anna-Maria Soininvaara, Helsinki City Library',
              members: told.slice(half),
            },
          ],
          expectedVersion: 0,
        });
        const moved = (await api('GET', '/programs/metlib-2024')) as unknown as {
          timeline: { id: string }[];
          timelineVersion: number;
        };
        await api('PUT', '/programs/metlib-2024/timeline', organizer, {
          timeline: moved.timeline.map((e) =>
            e.id === 'mentoring-2024-05'
              ? { ...e, when: { at: '2024-05-22T10:00', durationMinutes: 90 }, group: 'lisbon' }
              : e,
          ),
          expectedVersion: moved.timelineVersion,
        });
        say(`${next.toISOString().slice(0, 10)}  two mentoring groups; the first one's May session dated`);
        await api('POST', '/programs/metlib-2024/announcements', organizer, {
          id: randomUUID(),
          audience: { kind: 'participants' },
          subject: 'Welcome to the learning circle',
          body: 'Welcome! Your page in the program has the meetings ahead and your calendar.',
        });
        announced = true;
        say(`${next.toISOString().slice(0, 10)}  a welcome announcement to every participant`);
      }
    }
    await stack.poller.drained();

    // Count what the outbox holds (a Scan: this is a report, not a request path).
    const client = documentClient(stack.dynamoDbEndpoint);
    const emailsByKind: Record<string, number> = {};
    let unsent = 0;
    let startKey: Record<string, unknown> | undefined;
    const { tableName } = stack;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#type = :email',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':email': tableDesign.emailItemType },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        emailsByKind[item.kind] = (emailsByKind[item.kind] ?? 0) + 1;
        if (item.status !== 'sent') unsent += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    client.destroy();

    const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as {
      emails: { destination: { to: string[]; cc: string[] } }[];
    };
    const ours = store.emails.filter((e) =>
      [...e.destination.to, ...e.destination.cc].some((a) => a.endsWith(`@${domain}`)),
    );
    // Each outbox email has its own key; more messages at the mail service than keys is a resend.
    const outboxEmails = Object.values(emailsByKind).reduce((sum, n) => sum + n, 0);
    const duplicates = Math.max(0, ours.length - outboxEmails);

    const participants = options.selected - (withdrawn ? 1 : 0) + (offered ? 1 : 0);
    const reminderFirings = stack.scheduler
      .invocations()
      .filter((f) => f.ok && f.schedule.includes('.reminder-'));
    // The first group's session reminds its members; every other reminder, every participant.
    const reminded = reminderFirings.reduce(
      (sum, f) => sum + (f.schedule.startsWith('mentoring-2024-05.') ? firstGroup : participants),
      0,
    );
    const expectedByKind: Record<string, number> = {
      confirmation: options.nominations,
      acknowledgement: options.nominations,
      'decision-selected': options.selected,
      'decision-not-selected': rejected,
      'decision-reserve': reserves,
      'decision-pending': options.undecided,
      'withdrawal-confirmed': withdrawn ? 1 : 0,
      // One email to the organizers together, naming the first reserves.
      'place-vacated': withdrawn ? 1 : 0,
      'place-offered': offered ? 1 : 0,
      'reserve-closed': reserves - (offered ? 1 : 0),
      'stipend-awarded': stipendAwarded ? 1 : 0,
      // The June meeting for everyone; the first group's dated session for its members.
      'timeline-changed': (calendarChanged ? participants : 0) + firstGroup,
      'mentoring-group': firstGroup ? participants : 0,
      announcement: announced ? participants : 0,
      'decision-readiness': organizers.length,
      'decisions-overdue': options.undecided > 0 ? organizers.length : 0,
      reminder: reminded,
      evaluation: participants,
      certificate: participants - (registersKept ? 1 : 0),
      'attendance-record': registersKept ? 1 : 0,
      // A week before the evaluation closes: those who had not answered.
      'evaluation-reminder': evaluated === undefined ? 0 : participants - evaluated,
    };
    const missing = Object.fromEntries(
      Object.entries(expectedByKind)
        .map(([kind, n]) => [kind, n - (emailsByKind[kind] ?? 0)] as const)
        .filter(([, n]) => n !== 0),
    );
    const deadLetters = stack.scheduler.deadLetters().length + stack.poller.stats.deadLetters.length;
    const failedFirings = stack.scheduler.invocations().filter((f) => !f.ok).length;
    return {
      nominations: options.nominations,
      participants,
      emailsByKind,
      expectedByKind,
      missing,
      sentThroughSes: ours.length,
      duplicates,
      scheduleFirings: stack.scheduler.invocations().filter((f) => !recurring.has(f.schedule)).length,
      sweeps: stack.scheduler.invocations().filter((f) => recurring.has(f.schedule)).length,
      failedFirings,
      deadLetters,
      unsent,
      wallSeconds: Math.round((Date.now() - began) / 100) / 10,
      ok:
        Object.keys(missing).length === 0 &&
        duplicates === 0 &&
        deadLetters === 0 &&
        unsent === 0 &&
        failedFirings === 0,
    };
  } finally {
    await stack.stop();
  }
};
