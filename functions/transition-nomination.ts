import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv as clock } from '#shared/config';
import { ValidationError } from '#shared/domain/errors';
import { toFieldIssues } from '#shared/domain/nomination';
import { allowedActions } from '#shared/domain/nomination-states';
import { transitionCommandSchema } from '#shared/domain/transition-command';
import { actorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { dynamoDbStore, programRepository } from '#shared/wiring/table';

const deps = { store: dynamoDbStore(), clock: clock(), programs: programRepository() };

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = actorFrom(event, ['organizers', 'reviewers']);
  const body = readBody(event, ['json']);
  const command = transitionCommandSchema.safeParse(body.kind === 'json' ? body.value : undefined);
  if (!command.success)
    throw new ValidationError('The transition is not valid', toFieldIssues(command.error));
  const nomination = await transitionNomination(deps, event.pathParameters?.id ?? '', actor, command.data);
  return json(200, {
    id: nomination.id,
    status: nomination.status,
    ...(nomination.decision ? { decision: nomination.decision } : {}),
    version: nomination.version,
    allowedActions: allowedActions(nomination),
  });
};

export const handler = middy(run).use(httpMiddlewares);
