import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { updateTimeline } from '#shared/use-cases/update-timeline';
import { freshPrograms } from '#shared/wiring/programs';
import { scheduleRegistry } from '#shared/wiring/schedules';
import { nominationStore } from '#shared/wiring/table';

const deps = {
  ...scheduleRegistry(),
  programs: freshPrograms(),
  nominations: nominationStore(),
  clock: clockFromEnv(),
};

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const body = readBody(event, ['json']);
  const result = await updateTimeline(
    deps,
    event.pathParameters?.programId ?? '',
    actor,
    body.kind === 'json' ? body.value : undefined,
  );
  return json(200, result);
};

export const handler = middy(run).use(httpMiddlewares());
