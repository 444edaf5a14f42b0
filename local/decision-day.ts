import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { metlib2024 } from '#events/programs/metlib-2024';
import { auditPut, guardPut, nominationItem } from '#shared/adapters/dynamodb-nomination-items';
import { addressesOf, addressItem } from '#shared/adapters/dynamodb-personal-data';
import { type Nomination, newNomination, nominationInputSchema } from '#shared/domain/nomination';
import { pool } from '#shared/pool';
import type { AuditAction } from '#shared/ports';
import { type CpuSeconds, countCpu } from './cpu-use.ts';
import { localDynamoDbClient } from './emulators.ts';
import { freePort } from './listen.ts';
import { syntheticNominations } from './simulation-data.ts';
import { startStack } from './stack.ts';

export interface DecisionDayReport {
  applicants: number;
  /** Decision emails sent (a selected applicant's nominator is told apart: two emails). */
  emails: number;
  /** Decision emails owed and not sent. */
  lost: number;
  /** Decision emails sent more than once. */
  duplicates: number;
  /** From the organizers' "notify everyone" to every email sent and SES's reports of it recorded. */
  seconds: number;
  /** The least the rate allows: emails ÷ rate; 0 without a rate. */
  floorSeconds: number;
  sendRate?: number;
  /** Sends SES refused for the rate, and their share of all sends. */
  throttled: number;
  throttledShare: number;
  /**
   * CPU seconds used from the notification to the end, by this process (the gateway, every
   * function, the stream poller, the SES emulator) and by DynamoDB Local's JVM, on a stack whose
   * DynamoDB Local it started: where the time goes.
   */
  cpuSeconds: CpuSeconds;
}

/**
 * What a decided nomination has stored by decision day, as the store writes it: the nomination,
 * its history (submitted, confirmed, decided), its candidate guard and its address items. Its
 * emails so far are left out: they were sent, and a decision does not read them.
 */
const storedItems = (n: Nomination) => {
  const step = (
    version: number,
    action: AuditAction,
    from: Nomination['status'] | null,
    to: Nomination['status'],
  ) => auditPut(n, { at: n.submittedAt, actor: 'decision day', action, from, to, version }).Item;
  return [
    nominationItem(n),
    step(1, 'submit', null, 'unconfirmed'),
    step(2, 'confirm', 'unconfirmed', 'submitted'),
    step(3, n.status === 'selected' ? 'select' : 'reject', 'submitted', n.status),
    guardPut(n.programId, n.candidate.email, n.id).Item,
    ...addressesOf(n).map((address) => addressItem(address, n)),
  ];
};

/** As in the 2024 call: 18 places; everyone else is told they were not selected. */
const selectedCount = 18;

/**
 * Decision day on a fresh in-memory stack: `applicants` nominations stored as decided (18
 * selected, the rest not), the organizers notify them all at once, and every decision email is
 * counted per recipient in the SES emulator, which refuses sends beyond `sendRate` a second as
 * SES does. The nominations are stored directly: what is measured starts at the notification.
 */
export const playDecisionDay = async (options: {
  applicants: number;
  sendRate?: number;
  say: (line: string) => void;
  /** A DynamoDB Local already running (the tests'); one of its own on a free port otherwise. */
  dynamoDbEndpoint?: string;
}): Promise<DecisionDayReport> => {
  const { applicants, sendRate, say } = options;
  say(`Starting an in-memory stack${sendRate ? ` with SES sending ${sendRate} emails a second` : ''}…`);
  const stack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    ...(options.dynamoDbEndpoint
      ? { dynamoDbEndpoint: options.dynamoDbEndpoint }
      : { dynamoDbPort: await freePort() }),
    sesPort: 0,
    ...(sendRate ? { sesSendRate: sendRate } : {}),
    keyFile: join(tmpdir(), `metlib-decision-day-key-${randomUUID()}.json`),
    tableName: `decision-day-${randomUUID().slice(0, 8)}`,
    mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
    // Decision day: 19 February 2024, morning in New York.
    clockStart: '2024-02-19T14:00:00Z',
    clockSpeed: 0,
    buildConsole: false,
  });
  try {
    const domain = `decision-${randomUUID().slice(0, 8)}.example.org`;
    const schema = nominationInputSchema(metlib2024);
    const decided = syntheticNominations(applicants, 19, domain).map((body, i) => ({
      ...newNomination(schema.parse(body), {
        id: randomUUID(),
        programId: metlib2024.id,
        at: '2024-02-10T12:00:00.000Z',
      }),
      status: i < selectedCount ? ('selected' as const) : ('not_selected' as const),
      version: 3,
    }));
    say(`storing ${applicants} decided nominations…`);
    const documents = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint));
    // Seven items a nomination: 25 a request at most.
    const batches = Array.from({ length: Math.ceil(decided.length / 3) }, (_, i) =>
      decided.slice(i * 3, i * 3 + 3),
    );
    await pool(batches, 4, async (batch) => {
      let items = batch.flatMap(storedItems).map((Item) => ({ PutRequest: { Item } }));
      while (items.length) {
        const { UnprocessedItems } = await documents.send(
          new BatchWriteCommand({ RequestItems: { [stack.tableName]: items } }),
        );
        items = (UnprocessedItems?.[stack.tableName] ?? []) as typeof items;
      }
    });
    documents.destroy();
    await stack.settled();

    const organizer = await stack.token({ groups: ['organizers'], email: 'organizer@metlib.example.org' });
    say(`notifying ${applicants} applicants at once…`);
    const started = performance.now();
    const cpuSince = countCpu(stack);
    const response = await fetch(`${stack.apiUrl}/programs/${metlib2024.id}/notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${organizer}` },
    });
    say(`the notification answered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (response.status !== 200)
      throw new Error(`notify answered ${response.status}: ${await response.text()}`);
    const progress = setInterval(() => {
      const sent = stack.sesSending()?.accepted ?? 0;
      say(`${sent} emails sent, ${((performance.now() - started) / 1000).toFixed(0)} s…`);
    }, 10_000);
    try {
      await stack.settled();
    } finally {
      clearInterval(progress);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSince(stack);

    // What each person was owed: the candidate's decision, and a selected one's nominator apart.
    // Nothing else is sent to them: their nominations were stored, not submitted.
    const owed = new Map<string, number>();
    for (const [i, n] of decided.entries()) {
      owed.set(n.candidate.email.toLowerCase(), 0);
      if (i < selectedCount) owed.set(n.nominator.email.toLowerCase(), 0);
    }
    let emails = 0;
    for (const email of await stack.sentEmails()) {
      for (const to of email.destination.to) {
        const address = /<([^>]+)>/.exec(to)?.[1]?.toLowerCase() ?? to.toLowerCase();
        if (!owed.has(address)) continue;
        owed.set(address, (owed.get(address) ?? 0) + 1);
        emails += 1;
      }
    }
    const sending = stack.sesSending() ?? { accepted: 0, throttled: 0 };
    const attempts = sending.accepted + sending.throttled;
    return {
      applicants,
      emails,
      lost: [...owed.values()].filter((n) => n === 0).length,
      duplicates: [...owed.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      seconds: Math.round(seconds * 10) / 10,
      floorSeconds: sendRate ? Math.round((owed.size / sendRate) * 10) / 10 : 0,
      ...(sendRate ? { sendRate } : {}),
      throttled: sending.throttled,
      throttledShare: attempts ? Math.round((sending.throttled / attempts) * 10_000) / 10_000 : 0,
      cpuSeconds,
    };
  } finally {
    await stack.stop();
  }
};
