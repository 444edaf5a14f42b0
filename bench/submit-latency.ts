import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/adapters/table-design';
import { benchBody } from './request-counts.ts';

/** A bare TransactWriteItems of the items a submission writes, on the `bench` table. */
const bareTransaction = (doc: DynamoDBDocumentClient, i: number) => {
  const id = randomUUID();
  const item = { ...benchBody(i), id, programId: 'metlib-2024', status: 'unconfirmed', version: 1 };
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: 'bench', Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  // The submission's two limits: a count per nominator and per source, each under its limit.
  const count = (key: string) => ({
    Update: {
      TableName: 'bench',
      Key: keys.counter(key),
      UpdateExpression: 'ADD #count :one',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':limit': 1_000_000 },
    },
  });
  return doc.send(
    new TransactWriteCommand({
      TransactItems: [
        put({ ...keys.nomination(id), type: 'nomination', ...item }),
        put({ ...keys.audit(id, 1), type: 'audit' }),
        put({ ...keys.email(id, 'confirmation'), type: 'email-bench', html: 'x'.repeat(2000) }),
        count(`bench#nominator#${item.nominator.email}`),
        count('bench#source#127.0.0.1'),
      ],
    }),
  );
};

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
    const bare = await timed(() => bareTransaction(doc, i));
    if (i < 30) continue;
    submitMs.push(submit);
    bareMs.push(bare);
  }
  return { submitMs, bareMs };
};
