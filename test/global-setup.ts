import type { TestProject } from 'vitest/node';
import { buildConsole } from '../console/build.ts';
import { type RunningEmulator, startDynamoDbLocal } from '../local/emulators.ts';
import { freePort } from '../local/listen.ts';

/**
 * One DynamoDB Local (in memory) for the whole run, and the console built once: every project
 * that lists this file gets the same, since its start is kept on the main process. Each stack makes
 * its own table (and starts its own SES emulator in its worker), so workers never see each other.
 */
const shared = globalThis as typeof globalThis & {
  metlibTestRun?: Promise<RunningEmulator>;
  metlibTestRunUsers?: number;
};

export default async function setup(project: TestProject) {
  // Lambda runs on Node 24; the SDK's notice about this machine's Node 20 is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  shared.metlibTestRunUsers = (shared.metlibTestRunUsers ?? 0) + 1;
  shared.metlibTestRun ??= (async () => {
    buildConsole();
    return startDynamoDbLocal({ port: await freePort() });
  })();
  const dynamo = await shared.metlibTestRun;
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    shared.metlibTestRunUsers = (shared.metlibTestRunUsers ?? 1) - 1;
    if (shared.metlibTestRunUsers === 0) await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}
