import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentDetail } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { getNomination } from '#shared/use-cases/read-nominations';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const detail = await getNomination(deps, actor, event.pathParameters?.id ?? '');
  return json(200, presentDetail(detail, actor));
};

export const handler = middy(run).use(httpMiddlewares());
