import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv as clock } from '#shared/config';
import { actorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { notifyDecisions } from '#shared/use-cases/notify-decisions';
import { dynamoDbStore, programRepository } from '#shared/wiring/table';

const deps = { store: dynamoDbStore(), clock: clock(), programs: programRepository() };

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = actorFrom(event, ['organizers']);
  return json(200, await notifyDecisions(deps, event.pathParameters?.programId ?? '', actor));
};

export const handler = middy(run).use(httpMiddlewares);
