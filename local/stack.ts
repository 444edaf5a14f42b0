import { dirname, join } from 'node:path';
import { createRemoteJWKSet } from 'jose';
import { programs } from '#events/programs/index';
import { consolePaths } from '#functions/environment';
import { environmentClock, formatClockSpec } from '#shared/adapters/clock';
import { checkProgram } from '#shared/domain/program-schema';
import { variables } from '#shared/environment';
import { forgetCachedPrograms } from '#shared/wiring/programs';
import { buildConsole } from '../console/build.ts';
import {
  deleteTable,
  ensureTable,
  localCredentials,
  localStreamsClient,
  type RunningDynamoDbLocal,
  type RunningEmulator,
  type RunningSesEmulator,
  startDynamoDbLocal,
  startSesEmulator,
} from './emulators.ts';
import { sweepExpired } from './expiry-sweep.ts';
import { startGateway } from './gateway.ts';
import { loadOrCreateSigningKey, localTokenIssuer, signToken, tokenVerifier } from './jwt.ts';
import { freePort } from './listen.ts';
import { localEdgeSecretName, localLinkSecretName, localResources } from './load-handler.ts';
import { consoleClientId, startOidcProvider } from './oidc/provider.ts';
import { refreshTokens, signInWithCodeFlow } from './oidc/sign-in.ts';
import { claimedUnsentCounter } from './outbox-probe.ts';
import { SchedulerEmulator } from './scheduler/emulator.ts';
import { loadOrCreateLinkKey, startSecretsManagerEmulator } from './secrets-manager.ts';
import { emailsAt } from './sent-emails.ts';
import { localStaffPassword } from './settings.ts';
import { deploy } from './stack-deploy.ts';
import { mountFunctions } from './stack-functions.ts';
import type { RunningStack, StackOptions } from './stack-types.ts';
import { startStreamPoller } from './stream-poller.ts';

export type { RunningStack, StackOptions } from './stack-types.ts';

/** Starts the local clock at `startsAt`, running `speed` times real time from now. */
const startClock = (startsAt: string | Date, speed: number) => {
  process.env[variables.VIRTUAL_CLOCK] = formatClockSpec({
    startsAt: new Date(startsAt).toISOString(),
    realStart: Date.now(),
    speed,
  });
};

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
    let dynamo: RunningDynamoDbLocal | undefined;
    if (!dynamoDbEndpoint) {
      dynamo = await startDynamoDbLocal({
        port: options.dynamoDbPort ?? 8000,
        ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
      });
      started.push(dynamo);
      dynamoDbEndpoint = dynamo.endpoint;
    }
    let ses: RunningSesEmulator | undefined;
    if (!options.sesEndpoint) {
      ses = await startSesEmulator({
        port: options.sesPort ?? 8005,
        ...(options.sesSendRate ? { sendRate: options.sesSendRate } : {}),
      });
      started.push(ses);
    }
    const sesEndpoint = ses?.endpoint ?? (options.sesEndpoint as string);
    let { streamArn } = await ensureTable(dynamoDbEndpoint, options.tableName);

    // What every function reads alike; each gets its own variables as its handler loads.
    Object.assign(process.env, {
      [variables.AWS_REGION]: 'us-east-1',
      [variables.AWS_ACCESS_KEY_ID]: localCredentials.accessKeyId,
      [variables.AWS_SECRET_ACCESS_KEY]: localCredentials.secretAccessKey,
      [variables.POWERTOOLS_LOG_LEVEL]: options.logLevel ?? 'WARN',
      [variables.POWERTOOLS_SERVICE_NAME]: 'metlib-nominations',
      [variables.POWERTOOLS_METRICS_DISABLED]: 'true',
    });
    const clockSpeed = options.clockSpeed ?? 1;
    if (options.clockStart) startClock(options.clockStart, clockSpeed);
    else delete process.env[variables.VIRTUAL_CLOCK];

    const clock = environmentClock(variables.VIRTUAL_CLOCK);
    let invocable = new Map<string, (event: unknown) => Promise<unknown>>();
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
    const linkKey = await loadOrCreateLinkKey(
      options.linkKeyFile ?? join(dirname(options.keyFile), 'link-signing-key.jwk'),
    );
    const secretsManager = await startSecretsManagerEmulator({
      port: 0,
      secrets: {
        [localLinkSecretName]: linkKey.privateJwk,
        ...(options.edgeSecret ? { [localEdgeSecretName]: options.edgeSecret } : {}),
      },
    });
    started.push({ endpoint: secretsManager.url, stop: () => secretsManager.close() });
    // The gateway's port is chosen now: the functions that email participants are told the site's
    // address as they load, before the gateway listens.
    const apiPort = options.apiPort || (await freePort());
    const organizerEmails = options.organizerEmails ?? ['organizers@metlib.example.org'];
    const resources = {
      ...localResources({
        siteUrl: `http://localhost:${apiPort}`,
        linkPublicKeys: linkKey.publicKeys,
        tableName: options.tableName,
        mailFrom: options.mailFrom,
        organizerEmails,
        endpoints: {
          dynamoDb: dynamoDbEndpoint,
          ses: sesEndpoint,
          scheduler: schedulerEndpoint,
          secretsManager: secretsManager.url,
        },
        ...(options.intakeLimits ? { intakeLimits: options.intakeLimits } : {}),
        ...(options.edgeSecret ? { edgeSecret: localEdgeSecretName } : {}),
      }),
      console: { authority: oidc.issuer, clientId: consoleClientId },
    };

    // The console's files, for RenderStaffConsole to read as it loads.
    if (options.buildConsole !== false) buildConsole();
    const mounted = await mountFunctions(resources, { clock, from: options.mailFrom });
    invocable = mounted.invocable;

    const key = await loadOrCreateSigningKey(options.keyFile);
    const gateway = await startGateway({
      port: apiPort,
      routes: mounted.routes,
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
    const streams = localStreamsClient(dynamoDbEndpoint);
    const claimed = claimedUnsentCounter(dynamoDbEndpoint, options.tableName);
    const startPoller = () =>
      startStreamPoller({
        client: streams,
        streamArn,
        consumers: mounted.consumers,
        log,
        unfinished: claimed.count,
      });
    let poller = startPoller();
    // The clock starts now that everything is up, not while the JVM was booting.
    if (options.clockStart) startClock(options.clockStart, clockSpeed);
    const deployNow = () =>
      deploy({
        onDeploy: mounted.onDeploy,
        schedulerEndpoint,
        schedulerRoleArn: resources.schedulerRoleArn,
      });
    let syncReports = await deployNow();

    let speed = clockSpeed;
    const setClock = (instant: Date) => startClock(instant, speed);
    const settled = async () => {
      // A firing may queue emails, and a delivery may make a schedule due: until both are quiet.
      do {
        await scheduler.idle();
        await poller.drained();
      } while (!scheduler.idleNow());
    };
    return {
      apiUrl: gateway.url,
      tableName: options.tableName,
      dynamoDbEndpoint,
      sesEndpoint,
      schedulerEndpoint,
      oidcIssuer: oidc.issuer,
      consoleClientId,
      organizerEmails,
      get poller() {
        return poller;
      },
      scheduler,
      get syncReports() {
        return syncReports;
      },
      now: () => clock.now(),
      setClock,
      settled,
      sweepExpired: () => sweepExpired(dynamoDbEndpoint, options.tableName, clock.now()),
      advanceTo: async (instant) => {
        setClock(new Date(instant));
        await settled();
      },
      sentEmails: async () => ses?.emails() ?? emailsAt(sesEndpoint),
      sesSending: () => ses?.sending,
      dynamoDbCpuSeconds: () => dynamo?.cpuSeconds(),
      token: (request) => signToken(key, request),
      signIn: (email, password = localStaffPassword) =>
        signInWithCodeFlow(consoleClient, { email, password }),
      refresh: (refreshToken) => refreshTokens(consoleClient, refreshToken),
      reset: async (again = {}) => {
        await scheduler.clear();
        await poller.stop();
        await deleteTable(dynamoDbEndpoint, options.tableName);
        ({ streamArn } = await ensureTable(dynamoDbEndpoint, options.tableName));
        if (ses) ses.clear();
        else await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });
        forgetCachedPrograms();
        const startsAt = again.clockStart ?? options.clockStart;
        speed = again.clockSpeed ?? clockSpeed;
        if (startsAt) startClock(startsAt, speed);
        poller = startPoller();
        syncReports = await deployNow();
      },
      stop: async () => {
        await gateway.close();
        await poller.stop();
        streams.destroy();
        claimed.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
