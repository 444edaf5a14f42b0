import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { changeMentoringGroups, readMentoringGroups } from '#shared/use-cases/mentoring-groups';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { freshPrograms } from '#shared/wiring/programs';
import { nominationStore } from '#shared/wiring/table';

const deps = {
  programs: freshPrograms(),
  nominations: nominationStore(),
  clock: clockFromEnv(),
  pages: participantPagesFromEnv(),
};

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const programId = event.pathParameters?.programId ?? '';
  if (event.requestContext.http.method === 'GET')
    return json(200, await readMentoringGroups(deps, programId, actor));
  return json(200, await changeMentoringGroups(deps, programId, actor, readJson(event)));
};

export const handler = middy(run).use(httpMiddlewares());
