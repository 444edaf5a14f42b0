import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../adapters/clock.ts';
import { DynamoDbSendSlots } from '../adapters/dynamodb-send-slots.ts';
import { SesSendQuota } from '../adapters/ses-send-quota.ts';
import { SesSender, sesClient } from '../adapters/ses-sender.ts';
import { mailConfig } from '../config.ts';
import { logger } from '../logger.ts';
import { pacedSender } from '../use-cases/send-pacing.ts';
import { tableClient } from './programs.ts';

/** SES, paced to the account's sending rate through the table's slots. */
export const sesSender = () => {
  const { from, configurationSet, endpoint } = mailConfig();
  const client = sesClient(endpoint);
  const { client: table, tableName } = tableClient();
  return pacedSender(new SesSender(client, from, configurationSet), {
    quota: new SesSendQuota(client),
    slots: new DynamoDbSendSlots(table, tableName),
    clock: systemClock,
    sleep: (ms) => sleep(ms),
    throttled: (detail) => logger.warn('SES refused a send for the sending rate; sending it again', detail),
  });
};
