import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { pool } from '#shared/pool';
import { buildConsole, consoleDist } from '../console/build.ts';
import sample from '../events/samples/nomination.json' with { type: 'json' };
import { percentile } from '../local/percentile.ts';
import { keys, tableDesign } from '../shared/adapters/table-design.ts';
import { presentNomination } from '../shared/http/present-nomination.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../shared/ports.ts';
import type { IntakeLimits } from '../shared/use-cases/intake-counters.ts';
import { listNominations } from '../shared/use-cases/read-nominations.ts';
import { submitConfirmed } from './intake.ts';

export interface StaffListing {
  nominations: number;
  /** DynamoDB requests to list them all through the use case, a hundred a page, as the console does. */
  requests: number;
  /** Pages of the bare GSI query of the same nominations, a hundred a page. */
  queryPages: number;
  listP50: number;
  listP99: number;
  bareP50: number;
  bareP99: number;
}

/**
 * The staff console's table: every nomination of a program, read through the listing use case
 * page by page (the program cached, the items presented as the API sends them) against the bare
 * GSI query of the same pages, taken in turn so both meet the same background work.
 */
export const measureStaffListing = async (deps: {
  doc: DynamoDBDocumentClient;
  tableName: string;
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
  limits: IntakeLimits;
  countRequests: () => number;
}): Promise<StaffListing> => {
  const programId = 'metlib-2024';
  const target = 2_000;
  const organizer = { kind: 'staff' as const, id: 'o', groups: ['organizers' as const] };
  const listEverything = async () => {
    const all: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await listNominations(deps, organizer, programId, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.items.map((n) => presentNomination(n, organizer)));
      cursor = page.cursor;
    } while (cursor);
    // Serialized as the API answers, so the cost of presenting 2,000 items is in the time.
    return { count: all.length, bytes: JSON.stringify({ items: all }).length };
  };
  const bareQuery = async () => {
    let pages = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await deps.doc.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: tableDesign.indexes[0].name,
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': keys.byProgram(programId) },
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      pages += 1;
      start = page.LastEvaluatedKey;
    } while (start);
    return pages;
  };
  const missing = target - (await listEverything()).count;
  await pool(
    Array.from({ length: Math.max(0, missing) }, (_, i) => i),
    20,
    async (i) => {
      await submitConfirmed(deps, programId, {
        ...sample,
        candidate: { ...sample.candidate, email: `table-${i}-${randomUUID().slice(0, 6)}@x.org` },
      });
    },
  );
  const before = deps.countRequests();
  const nominations = (await listEverything()).count;
  const requests = deps.countRequests() - before;
  const queryPages = await bareQuery();
  const timed = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  const list: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 33; i++) {
    const a = await timed(listEverything);
    const b = await timed(bareQuery);
    if (i < 3) continue; // warm-up
    list.push(a);
    bare.push(b);
  }
  return {
    nominations,
    requests,
    queryPages,
    listP50: percentile(list, 50),
    listP99: percentile(list, 99),
    bareP50: percentile(bare, 50),
    bareP99: percentile(bare, 99),
  };
};

/**
 * The console's first load, as a browser that accepts brotli gets it: the page, its script, the
 * chunks the script imports (preloaded) and its style; not the pages fetched when first opened.
 */
export const consoleFirstLoad = () => {
  const { js, css, preloaded } = buildConsole();
  const bytes = (path: string) => readFileSync(join(consoleDist, path));
  const files = [bytes('index.html'), ...[js, css, ...preloaded].map((name) => bytes(join('assets', name)))];
  return {
    plain: files.reduce((sum, f) => sum + f.length, 0),
    brotli: files.reduce((sum, f) => sum + brotliCompressSync(f).length, 0),
  };
};
