import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog, type FunctionEntry } from '#functions/catalog';
import { formatClockSpec } from '#shared/adapters/clock';
import {
  ensureTable,
  localCredentials,
  localStreamsClient,
  type RunningEmulator,
  startDynamoDbLocal,
  startSesEmulator,
} from './emulators.ts';
import { type HttpHandler, type MountedRoute, startGateway } from './gateway.ts';
import { loadOrCreateSigningKey, signToken, type TokenRequest, tokenVerifier } from './jwt.ts';
import { lambdaContext } from './lambda-context.ts';
import { type StreamHandler, type StreamPoller, startStreamPoller } from './stream-poller.ts';

export const projectRoot = resolve(import.meta.dirname, '..');

export interface StackOptions {
  apiPort: number;
  /** Start DynamoDB Local on this port, or use `dynamoDbEndpoint` if given. */
  dynamoDbPort?: number;
  dynamoDbEndpoint?: string;
  /** Start the SES emulator on this port, or use `sesEndpoint` if given. */
  sesPort?: number;
  sesEndpoint?: string;
  /** Keep DynamoDB data here; omit for in-memory. */
  dataDir?: string;
  keyFile: string;
  tableName: string;
  mailFrom: string;
  /** The instant the virtual clock starts at; omit for the real clock. */
  clockStart?: string;
  clockSpeed?: number;
  log?: (line: string) => void;
  logLevel?: string;
}

export interface RunningStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  poller: StreamPoller;
  token(request: TokenRequest): Promise<string>;
  stop(): Promise<void>;
}

const importHandler = async <T>(entry: FunctionEntry) =>
  ((await import(pathToFileURL(join(projectRoot, entry.entry)).href)) as { handler: T }).handler;

/**
 * The whole system on this machine: emulators, the table, every catalog function mounted on the
 * gateway or the stream poller, all reading the same environment as on AWS.
 */
export const startStack = async (options: StackOptions): Promise<RunningStack> => {
  const log = options.log ?? (() => {});
  const started: RunningEmulator[] = [];
  const stopAll = async () => {
    for (const emulator of started.reverse()) await emulator.stop().catch(() => {});
  };
  try {
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      const dynamo = await startDynamoDbLocal({
        port: options.dynamoDbPort ?? 8000,
        ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
      });
      started.push(dynamo);
      dynamoDbEndpoint = dynamo.endpoint;
    }
    let sesEndpoint = options.sesEndpoint;
    if (!sesEndpoint) {
      const ses = await startSesEmulator({ port: options.sesPort ?? 8005 });
      started.push(ses);
      sesEndpoint = ses.endpoint;
    }
    const { streamArn } = await ensureTable(dynamoDbEndpoint, options.tableName);

    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      TABLE_NAME: options.tableName,
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      SES_ENDPOINT: sesEndpoint,
      MAIL_FROM: options.mailFrom,
      POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
      POWERTOOLS_SERVICE_NAME: 'metlib-nominations',
    });
    if (options.clockStart) {
      process.env.VIRTUAL_CLOCK = formatClockSpec({
        startsAt: new Date(options.clockStart).toISOString(),
        realStart: Date.now(),
        speed: options.clockSpeed ?? 1,
      });
    } else {
      delete process.env.VIRTUAL_CLOCK;
    }

    const routes: MountedRoute[] = [];
    const consumers = [];
    for (const entry of catalog) {
      const context = () => lambdaContext(entry.name, entry.timeoutSeconds);
      if (entry.routes) {
        const handler = await importHandler<HttpHandler>(entry);
        for (const route of entry.routes)
          routes.push({ ...route, functionName: entry.name, handler, context });
      }
      if (entry.stream) {
        const handler = await importHandler<StreamHandler>(entry);
        consumers.push({ functionName: entry.name, trigger: entry.stream, handler, context });
      }
    }

    const key = await loadOrCreateSigningKey(options.keyFile);
    const gateway = await startGateway({
      port: options.apiPort,
      routes,
      verifyToken: await tokenVerifier(key),
      log,
    });
    const client = localStreamsClient(dynamoDbEndpoint);
    const poller = startStreamPoller({ client, streamArn, consumers, log });
    const closeGateway = (server: Server) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });

    return {
      apiUrl: gateway.url,
      dynamoDbEndpoint,
      sesEndpoint,
      poller,
      token: (request) => signToken(key, request),
      stop: async () => {
        await closeGateway(gateway.server);
        await poller.stop();
        client.destroy();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
