import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { readBody } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { correctNomination } from '#shared/use-cases/correct-nomination';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const body = readBody(event, ['json']);
  const nomination = await correctNomination(
    deps,
    event.pathParameters?.id ?? '',
    actor,
    body.kind === 'json' ? body.value : undefined,
  );
  return json(200, presentNomination(nomination, actor));
};

export const handler = middy(run).use(httpMiddlewares());
