import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { programs as definitions } from '#events/programs/index';
import { documentClient, sesClient } from './adapters/aws-clients.ts';
import { cachedPrograms, DynamoDbProgramRepository } from './adapters/dynamodb-programs.ts';
import { DynamoDbStore } from './adapters/dynamodb-store.ts';
import { EventBridgeScheduleRegistry } from './adapters/eventbridge-scheduler.ts';
import { SesSender } from './adapters/ses-sender.ts';
import { clockFromEnv, mailConfig, schedulerConfig, tableConfig } from './config.ts';

/**
 * The composition root: real adapters built from config. Handler modules call these once at
 * load time (one client per cold start) and pass the results to use cases.
 */
let tableClient: ReturnType<typeof documentClient> | undefined;
const table = () => {
  const { tableName, endpoint } = tableConfig();
  tableClient ??= documentClient(endpoint);
  return { client: tableClient, tableName };
};

export const dynamoDbStore = () => {
  const { client, tableName } = table();
  return new DynamoDbStore(client, tableName);
};

/** Programs with their current timeline; request paths keep each for a minute. */
export const programRepository = (options: { cached: boolean } = { cached: true }) => {
  const { client, tableName } = table();
  const repository = new DynamoDbProgramRepository(client, tableName, definitions);
  return options.cached ? cachedPrograms(repository, 60_000) : repository;
};

export const sesSender = () => {
  const { from, configurationSet, endpoint } = mailConfig();
  return new SesSender(sesClient(endpoint), from, configurationSet);
};

export const scheduleRegistry = () => {
  const { endpoint, target, groupPrefix } = schedulerConfig();
  return {
    groupPrefix,
    registry: new EventBridgeScheduleRegistry(
      new SchedulerClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 }),
    ),
    target,
  };
};

export const clock = clockFromEnv;
