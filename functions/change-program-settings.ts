import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { changeSettings, readSettings } from '#shared/use-cases/change-program-settings';
import { programChangeDeps } from '#shared/wiring/program-change';

const deps = programChangeDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const programId = event.pathParameters?.programId ?? '';
  if (event.requestContext.http.method === 'GET')
    return json(200, await readSettings(deps, programId, actor));
  return json(200, await changeSettings(deps, programId, actor, readJson(event)));
};

export const handler = middy(run).use(httpMiddlewares());
