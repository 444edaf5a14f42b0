import type { TestProject } from 'vitest/node';
import { buildConsole } from '../console/build.ts';
import { type RunningEmulator, startDynamoDbLocal } from '../local/emulators.ts';
import { freePort } from '../local/listen.ts';

/**
 * A DynamoDB Local (in memory) per worker for the whole run, and the console built once: every
 * project that lists this file gets the same, since their start is kept on the main process. Each
 * stack makes its own table (and starts its own SES emulator in its worker), so workers never see
 * each other. One DynamoDB Local for both workers made each wait on the other's writes: a file
 * took up to five times as long beside another as alone, with the cores half idle.
 */
const workers = 2;
const shared = globalThis as typeof globalThis & {
  metlibTestRun?: Promise<RunningEmulator[]>;
  metlibTestRunUsers?: number;
};

export default async function setup(project: TestProject) {
  // Lambda runs on Node 24; the SDK's notice about this machine's Node 20 is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  shared.metlibTestRunUsers = (shared.metlibTestRunUsers ?? 0) + 1;
  shared.metlibTestRun ??= (async () => {
    buildConsole();
    return Promise.all(
      Array.from({ length: workers }, async () => startDynamoDbLocal({ port: await freePort() })),
    );
  })();
  const dynamos = await shared.metlibTestRun;
  project.provide('dynamoDbEndpoint', (dynamos[0] as RunningEmulator).endpoint);
  project.provide(
    'dynamoDbEndpoints',
    dynamos.map((d) => d.endpoint),
  );
  return async () => {
    shared.metlibTestRunUsers = (shared.metlibTestRunUsers ?? 1) - 1;
    if (shared.metlibTestRunUsers === 0) await Promise.all(dynamos.map((d) => d.stop()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    /** One per worker: `workerDynamoDbEndpoint()` picks the worker's own. */
    dynamoDbEndpoints: string[];
  }
}
