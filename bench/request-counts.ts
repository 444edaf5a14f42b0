import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { programs as definitions } from '#events/programs/index';
import { DynamoDbNominationStore } from '#shared/adapters/dynamodb-nominations';
import { cachedPrograms, DynamoDbProgramRepository } from '#shared/adapters/dynamodb-programs';
import { confirmNomination } from '#shared/use-cases/confirm-nomination';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import sample from '../events/samples/nomination.json' with { type: 'json' };
import { ensureTable, localDynamoDbClient } from '../local/emulators.ts';
import { benchLimits, benchLinks, benchSubmission } from './intake.ts';

/** The sample nomination with a nominator of its own: a nominator may submit only a few a day. */
export const benchBody = (i: number) => {
  const tag = `${i}-${randomUUID().slice(0, 6)}`;
  return {
    ...sample,
    nominator: { ...sample.nominator, email: `nominator-${tag}@x.org` },
    candidate: { ...sample.candidate, email: `bench-${tag}@x.org` },
  };
};

/**
 * The use cases on the `bench` table through a DynamoDB client that counts its requests (an SDK
 * middleware), and the requests one submission and one transition make.
 */
export const countRequests = async (endpoint: string) => {
  const counted = localDynamoDbClient(endpoint);
  let requests = 0;
  counted.middlewareStack.add(
    (next) => (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const doc = DynamoDBDocumentClient.from(counted, { marshallOptions: { removeUndefinedValues: true } });
  await ensureTable(endpoint, 'bench');
  const nominations = new DynamoDbNominationStore(doc, 'bench');
  const programs = cachedPrograms(new DynamoDbProgramRepository(doc, 'bench', definitions), 60_000);
  const clock = { now: () => new Date('2024-02-01T14:00:00Z') };
  const links = benchLinks(clock);
  await programs.require('metlib-2024'); // warm the program cache, as a warm Lambda would have it
  const intake = { nominations, programs, clock, links, limits: benchLimits };
  requests = 0;
  const n = await submitNomination(intake, 'metlib-2024', benchBody(0), benchSubmission);
  const perSubmission = requests;
  // Confirmed (not counted), so it can be reviewed.
  await confirmNomination(
    intake,
    await links.sign({ nominationId: n.id, purpose: 'confirm', expiresAt: new Date(n.confirmBy ?? 0) }),
  );
  requests = 0;
  await transitionNomination(
    { nominations, clock, programs },
    n.id,
    { kind: 'staff', id: 'o', groups: ['organizers'] },
    { action: 'review', score: 3 },
  );
  const perTransition = requests;
  return { doc, nominations, programs, clock, links, requests: () => requests, perSubmission, perTransition };
};
