import { programs as definitions } from '#events/programs/index';
import { documentClient } from '../adapters/aws-clients.ts';
import { DynamoDbNominationStore } from '../adapters/dynamodb-nominations.ts';
import { DynamoDbOutbox } from '../adapters/dynamodb-outbox.ts';
import { cachedPrograms, DynamoDbProgramRepository } from '../adapters/dynamodb-programs.ts';
import { clockFromEnv, organizerEmails, tableConfig } from '../config.ts';
import type { ProgramRepository } from '../ports.ts';

/**
 * The composition root, split by AWS service so a handler's bundle carries only the SDK clients
 * it uses. Handler modules call these once at load time (one client per cold start). Whether a
 * program is read fresh or kept a while is decided here, by what the caller does with it.
 */
let tableClient: ReturnType<typeof documentClient> | undefined;
const table = () => {
  const { tableName, endpoint } = tableConfig();
  tableClient ??= documentClient(endpoint);
  return { client: tableClient, tableName };
};

export const nominationStore = () => {
  const { client, tableName } = table();
  return new DynamoDbNominationStore(client, tableName);
};

export const outbox = () => {
  const { client, tableName } = table();
  return new DynamoDbOutbox(client, tableName);
};

const programRepository = (keepForMs: number): ProgramRepository => {
  const { client, tableName } = table();
  const repository = new DynamoDbProgramRepository(client, tableName, definitions);
  return keepForMs > 0 ? cachedPrograms(repository, keepForMs) : repository;
};

/**
 * Request paths (the form, submissions, staff reads and transitions): each program is kept a
 * minute per instance, so a timeline change shows in a decision email within a minute.
 */
export const requestDeps = () => ({
  nominations: nominationStore(),
  programs: programRepository(60_000),
  clock: clockFromEnv(),
});

/**
 * Where the program is shown with the version to send back, or changed, or its schedules acted
 * on: read fresh every time.
 */
export const programAdminDeps = () => ({ programs: programRepository(0), clock: clockFromEnv() });

/** What a scheduled timeline occasion needs: participants, fresh programs, the outbox, the organizers. */
export const occasionDeps = () => ({
  nominations: nominationStore(),
  outbox: outbox(),
  clock: clockFromEnv(),
  programs: programRepository(0),
  organizerEmails: organizerEmails(),
});
