import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { readTimeline, updateTimeline } from '#shared/use-cases/update-timeline';
import { programChangeDeps } from '#shared/wiring/program-change';

const deps = programChangeDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  if (event.requestContext.http.method === 'GET')
    return json(200, await readTimeline(deps, event.pathParameters?.programId ?? '', actor));
  const result = await updateTimeline(deps, event.pathParameters?.programId ?? '', actor, readJson(event));
  return json(200, result);
};

export const handler = middy(run).use(httpMiddlewares());
