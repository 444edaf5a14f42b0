import { documentClient, sesClient } from './adapters/aws-clients.ts';
import { DynamoDbStore } from './adapters/dynamodb-store.ts';
import { SesSender } from './adapters/ses-sender.ts';
import { clockFromEnv, mailConfig, tableConfig } from './config.ts';

/**
 * The composition root: real adapters built from config. Handler modules call these once at
 * load time (one client per cold start) and pass the results to use cases.
 */
export const dynamoDbStore = () => {
  const { tableName, endpoint } = tableConfig();
  return new DynamoDbStore(documentClient(endpoint), tableName);
};

export const sesSender = () => {
  const { from, configurationSet, endpoint } = mailConfig();
  return new SesSender(sesClient(endpoint), from, configurationSet);
};

export const clock = clockFromEnv;
