import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { notifyDecisions } from '#shared/use-cases/notify-decisions';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { requestDeps } from '#shared/wiring/table';

const deps = { ...requestDeps(), pages: participantPagesFromEnv() };

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  return json(200, await notifyDecisions(deps, event.pathParameters?.programId ?? '', staffActorFrom(event)));
};

export const handler = middy(run).use(httpMiddlewares());
