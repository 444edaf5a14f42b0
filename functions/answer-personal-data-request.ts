import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { erasePersonalData, exportPersonalData } from '#shared/use-cases/personal-data';
import { personalDataDeps } from '#shared/wiring/table';

const deps = personalDataDeps();

/** A person's request for a copy of their data, or for its erasure, as an organizer answers it. */
export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const value = readJson(event);
  return event.routeKey.endsWith('/erase')
    ? json(200, await erasePersonalData(deps, actor, value))
    : json(200, await exportPersonalData(deps, actor, value));
};

export const handler = middy(run).use(httpMiddlewares());
