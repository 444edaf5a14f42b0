import { programs as definitions } from '#events/programs/index';
import { documentClient } from '../adapters/aws-clients.ts';
import { cachedPrograms } from '../adapters/cached-programs.ts';
import { DynamoDbProgramRepository } from '../adapters/dynamodb-programs.ts';
import { tableConfig } from '../config.ts';
import type { ProgramRepository } from '../ports.ts';

let client: ReturnType<typeof documentClient> | undefined;

/** The table and its one client per cold start. */
export const tableClient = () => {
  const { tableName, endpoint } = tableConfig();
  client ??= documentClient(endpoint);
  return { client, tableName };
};

/** The program caches of this process's functions. */
const caches: { forget(): void }[] = [];

const programRepository = (keepForMs: number): ProgramRepository => {
  const { client, tableName } = tableClient();
  const repository = new DynamoDbProgramRepository(client, tableName, definitions);
  if (keepForMs <= 0) return repository;
  const cached = cachedPrograms(repository, keepForMs);
  caches.push(cached);
  return cached;
};

/**
 * Empties every program cache in this process. On AWS a deploy starts new instances with empty
 * caches; the local stack runs every function in one process, and calls this when it starts
 * again on an empty table.
 */
export const forgetCachedPrograms = () => {
  for (const cache of caches) cache.forget();
};

/**
 * For request paths (the form, submissions, staff reads and transitions): each program is kept a
 * minute per instance, so a timeline change shows in a decision email within a minute.
 */
export const requestPrograms = () => programRepository(60_000);

/**
 * Where the program is shown with the version to send back, changed, or its schedules acted on:
 * read fresh every time.
 */
export const freshPrograms = () => programRepository(0);
