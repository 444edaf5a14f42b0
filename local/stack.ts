// Longer than most files: the start of the whole local system in its order (emulators, table,
// provider, functions, gateway, poller, schedules). Its next split: the start of the sign-in
// provider and of the recurring schedules into modules of their own.
import { dirname, join } from 'node:path';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { createRemoteJWKSet } from 'jose';
import { programs } from '#events/programs/index';
import { catalog, recurringSchedule } from '#functions/catalog';
import { consolePaths } from '#functions/environment';
import { environmentClock, formatClockSpec, parseClockSpec } from '#shared/adapters/clock';
import { checkProgram } from '#shared/domain/program-schema';
import { variables } from '#shared/environment';
import type { SyncReport } from '#shared/use-cases/sync-schedules';
import { buildConsole } from '../console/build.ts';
import {
  ensureTable,
  localCredentials,
  localStreamsClient,
  type RunningEmulator,
  startDynamoDbLocal,
  startSesEmulator,
} from './emulators.ts';
import { type HttpHandler, type MountedRoute, startGateway } from './gateway.ts';
import {
  loadOrCreateSigningKey,
  localTokenIssuer,
  signToken,
  type TokenRequest,
  tokenVerifier,
} from './jwt.ts';
import { lambdaContext, localFunctionArn } from './lambda-context.mjs';
import { freePort } from './listen.ts';
import { loadHandler, localLinkSecretName, localResources } from './load-handler.ts';
import { localConfigurationSet, mailboxSimulator, sentEmailTrigger } from './mail-events.ts';
import { consoleClientId, startOidcProvider } from './oidc/provider.ts';
import { refreshTokens, type StaffTokens, signInWithCodeFlow } from './oidc/sign-in.ts';
import { SchedulerEmulator } from './scheduler/emulator.ts';
import { loadOrCreateLinkSecret, startSecretsManagerEmulator } from './secrets-manager.ts';
import { localStaffPassword } from './settings.ts';
import { type StreamHandler, type StreamPoller, startStreamPoller } from './stream-poller.ts';

export interface StackOptions {
  apiPort: number;
  /** Start DynamoDB Local on this port, or use `dynamoDbEndpoint` if given. */
  dynamoDbPort?: number;
  dynamoDbEndpoint?: string;
  /** Start the SES emulator on this port, or use `sesEndpoint` if given. */
  sesPort?: number;
  sesEndpoint?: string;
  /** The Scheduler emulator's port (0 for any free one). */
  schedulerPort?: number;
  /** The OpenID provider's port (0, the default, for any free one). */
  oidcPort?: number;
  /** Keep the OpenID provider's signing key here; omit for a new key at each start. */
  oidcKeyFile?: string;
  /** Keep DynamoDB data here; omit for in-memory. */
  dataDir?: string;
  keyFile: string;
  /** Keep the secret that signs the nominators' links here (made on first start). */
  linkSecretFile?: string;
  /** Submission limits; the local defaults allow any volume from one source address. */
  intakeLimits?: { perNominatorPerDay: number; perSourcePerHour: number };
  tableName: string;
  mailFrom: string;
  organizerEmails?: string[];
  /** The instant the virtual clock starts at; omit for the real clock. */
  clockStart?: string;
  clockSpeed?: number;
  log?: (line: string) => void;
  logLevel?: string;
}

export interface RunningStack {
  apiUrl: string;
  tableName: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  schedulerEndpoint: string;
  /** The local OpenID provider (`http://localhost:<port>`), where the console signs in. */
  oidcIssuer: string;
  /** The console's client at that issuer. */
  consoleClientId: string;
  poller: StreamPoller;
  scheduler: SchedulerEmulator;
  /** What the schedule sync did at start, per program. */
  syncReports: SyncReport[];
  /** Moves the local clock to `instant`; it runs on from there at the same speed. */
  setClock(instant: Date): void;
  now(): Date;
  /** A token as `npm run token` prints one (issuer `metlib-local-token`). */
  token(request: TokenRequest): Promise<string>;
  /**
   * Signs a seeded account (local/oidc/accounts.ts) in at the OpenID provider as the console
   * does, over loopback without a browser; the ID token is what the console sends to the API.
   */
  signIn(email: string, password?: string): Promise<StaffTokens>;
  /** New tokens for a refresh token, as the console renews them. */
  refresh(refreshToken: string): Promise<StaffTokens>;
  stop(): Promise<void>;
}

/**
 * The whole system on this machine: emulators, the table, every catalog function mounted on the
 * gateway or the stream poller, each loaded with the variables its catalog entry grants, as on AWS.
 */
export const startStack = async (options: StackOptions): Promise<RunningStack> => {
  const log = options.log ?? (() => {});
  for (const program of programs.values()) checkProgram(program);
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

    // What every function reads alike; each gets its own variables as its handler loads.
    Object.assign(process.env, {
      [variables.AWS_REGION]: 'us-east-1',
      [variables.AWS_ACCESS_KEY_ID]: localCredentials.accessKeyId,
      [variables.AWS_SECRET_ACCESS_KEY]: localCredentials.secretAccessKey,
      [variables.POWERTOOLS_LOG_LEVEL]: options.logLevel ?? 'WARN',
      [variables.POWERTOOLS_SERVICE_NAME]: 'metlib-nominations',
    });
    if (options.clockStart) {
      process.env[variables.VIRTUAL_CLOCK] = formatClockSpec({
        startsAt: new Date(options.clockStart).toISOString(),
        realStart: Date.now(),
        speed: options.clockSpeed ?? 1,
      });
    } else {
      delete process.env[variables.VIRTUAL_CLOCK];
    }

    const clock = environmentClock(variables.VIRTUAL_CLOCK);
    const invocable = new Map<string, (event: unknown) => Promise<unknown>>();
    const scheduler = new SchedulerEmulator({
      port: options.schedulerPort ?? 8006,
      clock,
      invoke: async (arn, payload) => {
        const target = invocable.get(arn);
        if (!target) throw new Error(`No local function has the ARN ${arn}`);
        await target(payload);
      },
    });
    const schedulerEndpoint = await scheduler.start();
    started.push({ endpoint: schedulerEndpoint, stop: () => scheduler.stop() });
    const oidc = await startOidcProvider({
      port: options.oidcPort ?? 0,
      password: localStaffPassword,
      ...(options.oidcKeyFile ? { keyFile: options.oidcKeyFile } : {}),
    });
    started.push({ endpoint: oidc.issuer, stop: () => oidc.close() });
    const secretsManager = await startSecretsManagerEmulator({
      port: 0,
      secrets: {
        [localLinkSecretName]: await loadOrCreateLinkSecret(
          options.linkSecretFile ?? join(dirname(options.keyFile), 'link-secret'),
        ),
      },
    });
    started.push({ endpoint: secretsManager.url, stop: () => secretsManager.close() });
    // The gateway's port is chosen now: the functions that email participants are told the site's
    // address as they load, before the gateway listens.
    const apiPort = options.apiPort || (await freePort());
    const resources = {
      ...localResources({
        siteUrl: `http://localhost:${apiPort}`,
        tableName: options.tableName,
        mailFrom: options.mailFrom,
        organizerEmails: options.organizerEmails ?? ['organizers@metlib.example.org'],
        endpoints: {
          dynamoDb: dynamoDbEndpoint,
          ses: sesEndpoint,
          scheduler: schedulerEndpoint,
          secretsManager: secretsManager.url,
        },
        ...(options.intakeLimits ? { intakeLimits: options.intakeLimits } : {}),
      }),
      console: { authority: oidc.issuer, clientId: consoleClientId },
    };

    // The console's files, for RenderStaffConsole to read as it loads: built from source each start.
    buildConsole();
    const routes: MountedRoute[] = [];
    const consumers = [];
    const onDeploy: ((event: unknown) => Promise<unknown>)[] = [];
    for (const entry of catalog) {
      if (entry.scheduleTarget || entry.runOnDeploy || entry.every) {
        const handler = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(
          entry,
          resources,
        );
        const invoke = (event: unknown) => handler(event, lambdaContext(entry.name, entry.timeoutSeconds));
        invocable.set(localFunctionArn(entry.name), invoke);
        if (entry.runOnDeploy) onDeploy.push(invoke);
      }
      const context = () => lambdaContext(entry.name, entry.timeoutSeconds);
      if (entry.routes) {
        const handler = await loadHandler<HttpHandler>(entry, resources);
        for (const route of entry.routes)
          routes.push({ ...route, functionName: entry.name, handler, context });
      }
      if (entry.stream) {
        const handler = await loadHandler<StreamHandler>(entry, resources);
        consumers.push({ functionName: entry.name, trigger: entry.stream, handler, context });
      }
      if (entry.mailEvents) {
        // SES's reports, which the emulator does not make: from each email the mailer marked sent.
        const record = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(
          entry,
          resources,
        );
        const handler = mailboxSimulator({
          record,
          context,
          clock,
          configurationSet: localConfigurationSet,
          from: options.mailFrom,
        });
        consumers.push({ functionName: entry.name, trigger: sentEmailTrigger, handler, context });
      }
    }

    const key = await loadOrCreateSigningKey(options.keyFile);
    const gateway = await startGateway({
      port: apiPort,
      routes,
      // As API Gateway trusts the user pool (by its JWKS, issuer and the console's audience),
      // and locally also the key of `npm run token`.
      verifyToken: tokenVerifier([
        await localTokenIssuer(key),
        {
          issuer: oidc.issuer,
          audience: consoleClientId,
          keys: createRemoteJWKSet(new URL(oidc.jwksUri)),
          algorithms: ['RS256'],
        },
      ]),
      log,
    });
    oidc.open(gateway.url);
    const consoleClient = {
      issuer: oidc.issuer,
      clientId: consoleClientId,
      redirectUri: `${gateway.url}${consolePaths.callback}`,
    };
    const client = localStreamsClient(dynamoDbEndpoint);
    const poller = startStreamPoller({ client, streamArn, consumers, log });
    if (options.clockStart) {
      // The clock starts now that everything is up, not while the JVM was booting.
      process.env[variables.VIRTUAL_CLOCK] = formatClockSpec({
        startsAt: new Date(options.clockStart).toISOString(),
        realStart: Date.now(),
        speed: options.clockSpeed ?? 1,
      });
    }
    const syncReports: SyncReport[] = [];
    for (const run of onDeploy) {
      const result = (await run({})) as { reports?: SyncReport[] };
      syncReports.push(...(result.reports ?? []));
    }
    // The recurring sweeps, as the Services stack schedules them on AWS.
    const schedulerClient = new SchedulerClient({
      endpoint: schedulerEndpoint,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    try {
      for (const entry of catalog) {
        if (!entry.every) continue;
        const schedule = recurringSchedule(entry.every);
        await schedulerClient.send(
          new CreateScheduleCommand({
            Name: entry.name,
            ScheduleExpression: schedule.expression,
            FlexibleTimeWindow: { Mode: 'OFF' },
            Target: {
              Arn: localFunctionArn(entry.name),
              RoleArn: resources.schedulerRoleArn,
              RetryPolicy: {
                MaximumRetryAttempts: schedule.maximumRetryAttempts,
                MaximumEventAgeInSeconds: schedule.maximumEventAgeSeconds,
              },
            },
          }),
        );
      }
    } finally {
      schedulerClient.destroy();
    }
    return {
      apiUrl: gateway.url,
      tableName: options.tableName,
      dynamoDbEndpoint,
      sesEndpoint,
      schedulerEndpoint,
      oidcIssuer: oidc.issuer,
      consoleClientId,
      poller,
      scheduler,
      syncReports,
      now: () => clock.now(),
      setClock: (instant) => {
        const current = process.env[variables.VIRTUAL_CLOCK];
        const speed = current ? parseClockSpec(current).speed : 1;
        process.env[variables.VIRTUAL_CLOCK] = formatClockSpec({
          startsAt: instant.toISOString(),
          realStart: Date.now(),
          speed,
        });
      },
      token: (request) => signToken(key, request),
      signIn: (email, password = localStaffPassword) =>
        signInWithCodeFlow(consoleClient, { email, password }),
      refresh: (refreshToken) => refreshTokens(consoleClient, refreshToken),
      stop: async () => {
        await gateway.close();
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
