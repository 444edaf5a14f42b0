import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localDynamoDbClient, startDynamoDbLocal } from '../../local/emulators.ts';
import { freePort } from '../../local/listen.ts';
import { startStack } from '../../local/stack.ts';
import { sesInbox } from '../support/ses-inbox.ts';
import { nominationBody } from '../support/test-stack.ts';

// One stack per file: handler modules read their configuration once per process.
describe('DynamoDB unreachable', () => {
  it('answers 503 with a retryable JSON error, and the retry stores the nomination once, to be confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'metlib-faults-'));
    const port = await freePort();
    let dynamo = await startDynamoDbLocal({ port, dataDir });
    const stack = await startStack({
      apiPort: 0,
      schedulerPort: 0,
      dynamoDbEndpoint: dynamo.endpoint,
      sesEndpoint: inject('sesEndpoint'),
      keyFile: join(dataDir, 'key.json'),
      tableName: 'faults',
      mailFrom: 'MetLib <learning-circle@metlib.example.org>',
      clockStart: '2024-02-01T14:00:00Z',
    });
    try {
      const body = nominationBody();
      await dynamo.stop();
      const down = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('2');
      expect(await down.json()).toMatchObject({
        error: 'ServiceUnavailable',
        message: expect.stringContaining('try again'),
      });

      dynamo = await startDynamoDbLocal({ port, dataDir });
      const again = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(again.status).toBe(202);
      const client = localDynamoDbClient(dynamo.endpoint);
      const stored = async (type: string) => {
        const { Items } = await client.send(new ScanCommand({ TableName: 'faults' }));
        return (Items ?? []).filter((i) => i.type === type).length;
      };
      expect(await stored('nomination')).toBe(1);
      expect(await stored('guard')).toBe(0);

      // Confirmed from the emailed link, it takes the candidate's guard: one of each.
      await stack.poller.drained();
      const [confirmation] = await sesInbox(body.nominator.email);
      const link = confirmation?.body.text?.match(/\/nominations\/confirm\/[\w.-]+/)?.[0];
      const confirmed = await fetch(`${stack.apiUrl}${link}`, { method: 'POST' });
      expect(confirmed.status).toBe(200);
      expect(await stored('nomination')).toBe(1);
      expect(await stored('guard')).toBe(1);
      client.destroy();
    } finally {
      await stack.stop();
      await dynamo.stop();
    }
  }, 90_000);
});
