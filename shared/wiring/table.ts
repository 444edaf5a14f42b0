import { DynamoDbDeliveries } from '../adapters/dynamodb-deliveries.ts';
import { DynamoDbEvaluations } from '../adapters/dynamodb-evaluations.ts';
import { DynamoDbNominationStore } from '../adapters/dynamodb-nominations.ts';
import { DynamoDbOutbox } from '../adapters/dynamodb-outbox.ts';
import { DynamoDbPersonalData } from '../adapters/dynamodb-personal-data.ts';
import { clockFromEnv, organizerEmails } from '../config.ts';
import { participantPagesFromEnv } from './participant-pages.ts';
import { freshPrograms, requestPrograms, tableClient } from './programs.ts';

/**
 * The composition root, split by AWS service so a handler's bundle carries only the SDK clients
 * it uses (and by port, so the form page does not carry the nomination store). Handler modules
 * call these once at load time (one client per cold start).
 */
export const nominationStore = () => {
  const { client, tableName } = tableClient();
  return new DynamoDbNominationStore(client, tableName);
};

export const outbox = () => {
  const { client, tableName } = tableClient();
  return new DynamoDbOutbox(client, tableName);
};

export const evaluations = () => {
  const { client, tableName } = tableClient();
  return new DynamoDbEvaluations(client, tableName);
};

/** Export and erasure by address. */
export const personalDataDeps = () => {
  const { client, tableName } = tableClient();
  return { personalData: new DynamoDbPersonalData(client, tableName), clock: clockFromEnv() };
};

/** The mail service's reports, and the complaints the mailer checks. */
export const deliveries = () => {
  const { client, tableName } = tableClient();
  return new DynamoDbDeliveries(client, tableName);
};

/** Submissions, staff reads and transitions: see `requestPrograms` for how programs are kept. */
export const requestDeps = () => ({
  nominations: nominationStore(),
  programs: requestPrograms(),
  clock: clockFromEnv(),
});

/**
 * Transitions, which tell the organizers when a participant withdraws, and give a participant told
 * of their place the link to their page.
 */
export const transitionDeps = () => ({
  ...requestDeps(),
  organizerEmails: organizerEmails(),
  pages: participantPagesFromEnv(),
});

/** What a scheduled timeline occasion needs: participants, fresh programs, the outbox, the organizers. */
export const occasionDeps = () => ({
  nominations: nominationStore(),
  outbox: outbox(),
  clock: clockFromEnv(),
  programs: freshPrograms(),
  organizerEmails: organizerEmails(),
  pages: participantPagesFromEnv(),
});
