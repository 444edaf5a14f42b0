import { programs as definitions } from '#events/programs/index';
import { documentClient } from '../adapters/aws-clients.ts';
import { cachedPrograms, DynamoDbProgramRepository } from '../adapters/dynamodb-programs.ts';
import { DynamoDbStore } from '../adapters/dynamodb-store.ts';
import { clockFromEnv, organizerEmails, tableConfig } from '../config.ts';

/**
 * The composition root, split by AWS service so a handler's bundle carries only the SDK clients
 * it uses. Handler modules call these once at load time (one client per cold start).
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

/** What a scheduled timeline occasion needs: the store (also its email queue), fresh programs, the organizers. */
export const occasionDeps = () => {
  const store = dynamoDbStore();
  return {
    store,
    queue: store,
    clock: clockFromEnv(),
    programs: programRepository({ cached: false }),
    organizerEmails: organizerEmails(),
  };
};
