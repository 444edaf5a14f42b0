import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { catalog } from '#functions/catalog';
import { documentClient } from '#shared/adapters/aws-clients';
import { tableDesign } from '#shared/adapters/table-design';
import type { CpuSeconds } from './cpu-use.ts';
import type { YearDone } from './simulation-year.ts';
import type { RunningStack } from './stack.ts';

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
  /** Where the wall time went, phase by phase. */
  phases?: { phase: string; seconds: number }[];
  /** CPU seconds of this process (every function, the gateway, the emulators) and of DynamoDB Local's JVM. */
  cpuSeconds?: CpuSeconds;
}

/** How the nominations were decided. */
export interface Decided {
  nominations: number;
  selected: number;
  reserves: number;
  rejected: number;
  undecided: number;
}

/** The names of the recurring schedules (the outbox sweep), which are not the program's. */
export const recurringSchedules = new Set(catalog.filter((e) => e.every).map((e) => e.name));

/** What the outbox holds, per kind, and how many are not sent (a Scan: a report, not a request path). */
const outboxEmails = async (stack: RunningStack) => {
  const client = documentClient(stack.dynamoDbEndpoint);
  const byKind: Record<string, number> = {};
  let unsent = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: '#type = :email',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':email': tableDesign.emailItemType },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
      if (item.status !== 'sent') unsent += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return { byKind, unsent };
};

/** What the timeline and the year's actions call for, per kind of email. */
const expectedEmails = (
  stack: RunningStack,
  decided: Decided,
  done: YearDone,
  participants: number,
): Record<string, number> => {
  const reminderFirings = stack.scheduler
    .invocations()
    .filter((f) => f.ok && f.schedule.includes('.reminder-'));
  // The first group's session reminds its members; every other reminder, every participant.
  const reminded = reminderFirings.reduce(
    (sum, f) => sum + (f.schedule.startsWith('mentoring-2024-05.') ? done.firstGroup : participants),
    0,
  );
  const organizers = stack.organizerEmails.length;
  return {
    confirmation: decided.nominations,
    acknowledgement: decided.nominations,
    'decision-selected': decided.selected,
    // The nominator's own news of each place, without the participant's private page.
    'decision-selected-nominator': decided.selected,
    'decision-not-selected': decided.rejected,
    'decision-reserve': decided.reserves,
    'decision-pending': decided.undecided,
    'withdrawal-confirmed': done.withdrawn ? 1 : 0,
    // One email to the organizers together, naming the first reserves.
    'place-vacated': done.withdrawn ? 1 : 0,
    'place-offered': done.offered ? 1 : 0,
    'place-offered-nominator': done.offered ? 1 : 0,
    'reserve-closed': decided.reserves - (done.offered ? 1 : 0),
    'stipend-awarded': done.stipendAwarded ? 1 : 0,
    // The June meeting for everyone; the first group's dated session for its members.
    'timeline-changed': (done.calendarChanged ? participants : 0) + done.firstGroup,
    'mentoring-group': done.firstGroup ? participants : 0,
    announcement: done.announced ? participants : 0,
    'decision-readiness': organizers,
    'decisions-overdue': decided.undecided > 0 ? organizers : 0,
    reminder: reminded,
    evaluation: participants,
    certificate: participants - (done.registersKept ? 1 : 0),
    'attendance-record': done.registersKept ? 1 : 0,
    // A week before the evaluation closes: those who had not answered.
    'evaluation-reminder': done.evaluated === undefined ? 0 : participants - done.evaluated,
  };
};

/**
 * Counts every email of the run in the outbox and at the mail service, and checks them against
 * what the timeline calls for: each expected email once, nothing left unsent, no firing failed.
 */
export const reportYear = async (
  stack: RunningStack,
  run: { decided: Decided; done: YearDone; domain: string; began: number },
): Promise<SimulationReport> => {
  const { decided, done } = run;
  const { byKind: emailsByKind, unsent } = await outboxEmails(stack);
  const ours = (await stack.sentEmails()).filter((e) =>
    [...e.destination.to, ...e.destination.cc].some((a) => a.endsWith(`@${run.domain}`)),
  );
  // Each outbox email has its own key; more messages at the mail service than keys is a resend.
  const outboxTotal = Object.values(emailsByKind).reduce((sum, n) => sum + n, 0);
  const duplicates = Math.max(0, ours.length - outboxTotal);
  const participants = decided.selected - (done.withdrawn ? 1 : 0) + (done.offered ? 1 : 0);
  const expectedByKind = expectedEmails(stack, decided, done, participants);
  const missing = Object.fromEntries(
    Object.entries(expectedByKind)
      .map(([kind, n]) => [kind, n - (emailsByKind[kind] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );
  const firings = stack.scheduler.invocations();
  const deadLetters = stack.scheduler.deadLetters().length + stack.poller.stats.deadLetters.length;
  const failedFirings = firings.filter((f) => !f.ok).length;
  return {
    nominations: decided.nominations,
    participants,
    emailsByKind,
    expectedByKind,
    missing,
    sentThroughSes: ours.length,
    duplicates,
    scheduleFirings: firings.filter((f) => !recurringSchedules.has(f.schedule)).length,
    sweeps: firings.filter((f) => recurringSchedules.has(f.schedule)).length,
    failedFirings,
    deadLetters,
    unsent,
    wallSeconds: Math.round((Date.now() - run.began) / 100) / 10,
    ok:
      Object.keys(missing).length === 0 &&
      duplicates === 0 &&
      deadLetters === 0 &&
      unsent === 0 &&
      failedFirings === 0,
  };
};
