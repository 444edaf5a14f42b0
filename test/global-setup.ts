import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startSesEmulator } from '../local/emulators.ts';
import { freePort } from '../local/listen.ts';

/**
 * One DynamoDB Local (in memory) and one SES emulator for the whole run; each test file makes its
 * own table and uses its own recipients, so files run in parallel without seeing each other.
 */
export default async function setup(project: TestProject) {
  // Lambda runs on Node 24; the SDK's notice about this machine's Node 20 is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [dynamo, ses] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) => startSesEmulator({ port })),
  ]);
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
  }
}
