import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FunctionEntry } from '../../functions/catalog.ts';
import { asCatalogFunction } from '../../local/table-access.ts';

// Nothing listens here: a command the local check lets through fails to connect instead.
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  }),
);

/** Sends `command` as the catalog function `entry` would, through the local check of its access. */
export const sendAs = (entry: FunctionEntry, command: { input: object }) =>
  asCatalogFunction(entry, () => client.send(command as GetCommand))();

/** Sends `command` outside any catalog function. */
export const sendUnchecked = (command: { input: object }) => client.send(command as GetCommand);
