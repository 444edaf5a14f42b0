import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { getNomination } from '#shared/use-cases/read-nominations';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const detail = await getNomination(deps, staffActorFrom(event), event.pathParameters?.id ?? '');
  return json(200, {
    ...presentNomination(detail.nomination),
    history: detail.history,
    emails: detail.emails,
  });
};

export const handler = middy(run).use(httpMiddlewares());
