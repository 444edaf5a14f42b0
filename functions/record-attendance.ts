import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { readAttendance, recordAttendance } from '#shared/use-cases/attendance';
import { freshPrograms } from '#shared/wiring/programs';
import { nominationStore } from '#shared/wiring/table';

const deps = { programs: freshPrograms(), nominations: nominationStore(), clock: clockFromEnv() };

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const programId = event.pathParameters?.programId ?? '';
  if (event.requestContext.http.method === 'GET')
    return json(200, await readAttendance(deps, programId, actor));
  return json(
    200,
    await recordAttendance(deps, programId, event.pathParameters?.eventId ?? '', actor, readJson(event)),
  );
};

export const handler = middy(run).use(httpMiddlewares());
