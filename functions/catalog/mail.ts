/** The outbox's senders and what the mail service reports back. */
import { type FunctionEntry, reads } from './entry.ts';

export const sendEmail: FunctionEntry = {
  name: 'SendEmail',
  entry: 'functions/send-email.ts',
  description: 'Sends each new outbox email through SES, once',
  stream: {
    filter: { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['email'] } } } },
    batchSize: 10,
    maxRetryAttempts: 5,
    bisectBatchOnError: true,
    // Sending waits for the account's rate (shared/use-cases/send-pacing.ts); ten batches of a
    // shard at once keep enough sends in flight to use all of it.
    parallelization: 10,
  },
  access: {
    table: [...reads, 'BatchGetItem', 'PutItem', 'UpdateItem'],
    sendEmail: true,
    organizerEmails: true,
  },
  // A batch of ten may wait for the account's rate: up to 20 s for each send's slot.
  timeoutSeconds: 300,
};

export const redriveOutbox: FunctionEntry = {
  name: 'RedriveOutbox',
  entry: 'functions/redrive-outbox.ts',
  description: 'Sends the outbox emails the stream mailer gave up on',
  every: { minutes: 15 },
  access: {
    table: [...reads, 'BatchGetItem', 'PutItem', 'UpdateItem'],
    sendEmail: true,
    organizerEmails: true,
  },
  timeoutSeconds: 300,
};

export const recordEmailEvent: FunctionEntry = {
  name: 'RecordEmailEvent',
  entry: 'functions/record-email-event.ts',
  description: 'Records what SES reports of each sent email: delivered, bounced, complained, rejected',
  mailEvents: true,
  // ConditionCheckItem: a report's history entry is written only while its nomination's lifetime is as read.
  access: { table: [...reads, 'BatchGetItem', 'ConditionCheckItem', 'PutItem', 'UpdateItem'] },
};
