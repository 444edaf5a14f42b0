import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { changeSettings, readSettings } from '#shared/use-cases/change-program-settings';
import { programChangeDeps } from '#shared/wiring/program-change';

const deps = programChangeDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const programId = event.pathParameters?.programId ?? '';
  if (event.requestContext.http.method === 'GET')
    return json(200, await readSettings(deps, programId, actor));
  const body = readBody(event, ['json']);
  return json(
    200,
    await changeSettings(deps, programId, actor, body.kind === 'json' ? body.value : undefined),
  );
};

export const handler = middy(run).use(httpMiddlewares());
