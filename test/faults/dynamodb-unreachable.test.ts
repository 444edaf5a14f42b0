import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { localDynamoDbClient, startDynamoDbLocal } from '../../local/emulators.ts';
import { freePort } from '../../local/listen.ts';
import { addressedTo, linkIn } from '../../local/sent-emails.ts';
import { startStack } from '../../local/stack.ts';
import { nominationBody } from '../support/test-stack.ts';

// A stack of its own, on a DynamoDB Local of its own that the test stops and starts again.
describe('DynamoDB unreachable', () => {
  it('answers 503 with a retryable JSON error, and the retry stores the nomination once, to be confirmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'metlib-faults-'));
    const port = await freePort();
    let dynamo = await startDynamoDbLocal({ port, dataDir });
    const stack = await startStack({
      apiPort: 0,
      schedulerPort: 0,
      dynamoDbEndpoint: dynamo.endpoint,
      sesPort: 0,
      buildConsole: false,
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
      await stack.settled();
      const [confirmation] = (await stack.sentEmails()).filter((e) => addressedTo(e, body.nominator.email));
      const link = linkIn(confirmation?.body.text, 'confirm');
      const confirmed = await fetch(`${stack.apiUrl}${link}`, { method: 'POST' });
      expect(confirmed.status).toBe(200);
      expect(await stored('nomination')).toBe(1);
      expect(await stored('guard')).toBe(1);
      client.destroy();
    } finally {
      await stack.stop();
      await dynamo.stop();
    }
  }, 60_000);
});
