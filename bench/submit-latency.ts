import { randomBytes, randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { programs as definitions } from '#events/programs/index';
import { DynamoDbNominationStore } from '#shared/adapters/dynamodb-nominations';
import { cachedPrograms, DynamoDbProgramRepository } from '#shared/adapters/dynamodb-programs';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { benchLimits, benchLinks, benchSubmission } from './intake.ts';
import { benchBody } from './request-counts.ts';

type TransactItems = NonNullable<TransactWriteCommand['input']['TransactItems']>;

/**
 * The TransactWriteItems of one real submission on the `bench` table, as the use case sends it
 * (seven items: the nomination, its audit entry, an address item for the candidate and one for
 * the nominator, the confirmation email, the nominator's and the source's counters), caught by
 * an SDK middleware. The bare transaction replays it, so both write the same items.
 */
const submissionTransaction = async (doc: DynamoDBDocumentClient) => {
  const clock = { now: () => new Date('2024-02-01T14:00:00Z') };
  const deps = {
    nominations: new DynamoDbNominationStore(doc, 'bench'),
    programs: cachedPrograms(new DynamoDbProgramRepository(doc, 'bench', definitions), 60_000),
    clock,
    links: benchLinks(clock),
    limits: benchLimits,
  };
  let caught: TransactItems | undefined;
  doc.middlewareStack.add(
    (next) => (args) => {
      const input = args.input as { TransactItems?: TransactItems };
      if (input.TransactItems) caught = structuredClone(input.TransactItems);
      return next(args);
    },
    { step: 'initialize', name: 'catchSubmission' },
  );
  let id: string;
  try {
    ({ id } = await submitNomination(deps, 'metlib-2024', benchBody(0), benchSubmission));
  } finally {
    doc.middlewareStack.remove('catchSubmission');
  }
  if (!caught) throw new Error('The submission wrote no transaction');
  return { template: JSON.stringify(caught), id };
};

/**
 * The caught transaction with the keys of a new submission: a new nomination id, new address
 * hashes (a new candidate and nominator, as each gateway submission has) and so a new nominator
 * counter; the source's counter stays the same item, as the gateway's submissions all come from
 * one address. Same items, conditions and sizes.
 */
const replay = (template: string, id: string): TransactItems =>
  JSON.parse(
    template
      .replaceAll(id, randomUUID())
      .replace(/PERSON#[0-9a-f]{64}/g, () => `PERSON#${randomBytes(32).toString('hex')}`)
      .replace(/#address#[^#"]+#/g, () => `#address#${randomBytes(24).toString('base64url')}#`),
  );

const timed = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};

/**
 * 300 submissions through the gateway and 300 bare transactions, interleaved, one of each in
 * turn, so both meet the same background work (the mailer sending each acknowledgement, DynamoDB
 * Local's garbage collection) on this shared machine; the first 30 of each warm up.
 */
export const measureSubmitLatency = async (apiUrl: string, doc: DynamoDBDocumentClient) => {
  const { template, id } = await submissionTransaction(doc);
  const submitMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < 330; i++) {
    const submit = await timed(() =>
      fetch(`${apiUrl}/programs/metlib-2024/nominations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(benchBody(i)),
      }).then((r) => r.arrayBuffer()),
    );
    const items = replay(template, id);
    const bare = await timed(() => doc.send(new TransactWriteCommand({ TransactItems: items })));
    if (i < 30) continue;
    submitMs.push(submit);
    bareMs.push(bare);
  }
  return { submitMs, bareMs };
};
