import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDynamoDbClient } from '../../local/emulators.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let reviewer: string;
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  reviewer = await stack.reviewer();
});

const exportAudits = async () => {
  const client = localDynamoDbClient(stack.dynamoDbEndpoint);
  const { Items } = await client.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': { S: 'PROGRAM#metlib-2024' }, ':sk': { S: 'AUDIT#EXPORT#' } },
    }),
  );
  client.destroy();
  return Items ?? [];
};

describe('GET /programs/{programId}/nominations.csv', () => {
  it('downloads every nomination as CSV with a byte-order mark, formulas made inert, and records the export', async () => {
    const hostile = nominationBody();
    hostile.candidate.name = '=HYPERLINK("http://x","y")';
    const { id } = await stack.nominate(hostile);
    await stack.nominate();
    // Unconfirmed, so not yet a nomination staff see: not exported.
    const unconfirmed = await stack.api('POST', '/programs/metlib-2024/nominations', {
      body: nominationBody(),
    });
    expect(unconfirmed.status).toBe(202);
    await stack.api('POST', `/nominations/${id}/transitions`, {
      token: reviewer,
      body: { action: 'review', score: 3 },
    });

    const response = await fetch(`${stack.apiUrl}/programs/metlib-2024/nominations.csv`, {
      headers: { authorization: `Bearer ${organizer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="metlib-2024-nominations.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const row = rows.find((r) => r.id === id);
    expect(row).toMatchObject({
      status: 'reviewed',
      'candidate.name': `'=HYPERLINK("http://x","y")`,
      'candidate.email': hostile.candidate.email,
      'score: reviewer@example.org': '3',
      averageScore: '3',
      region: 'Europe',
      subRegion: 'Southern Europe',
    });

    const audits = await exportAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: { S: 'organizer@example.org' },
      action: { S: 'export-nominations' },
      nominations: { N: '2' },
    });
  });

  it('refuses reviewers with a JSON 403 and records nothing', async () => {
    const before = (await exportAudits()).length;
    const response = await stack.api('GET', '/programs/metlib-2024/nominations.csv', { token: reviewer });
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ error: 'Forbidden', message: 'Only organizers may export nominations' });
    expect(await exportAudits()).toHaveLength(before);
  });

  it('answers 404 for an unknown program', async () => {
    const response = await stack.api('GET', '/programs/nope/nominations.csv', { token: organizer });
    expect(response.status).toBe(404);
  });
});
