import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { listAnnouncements, previewAnnouncement, sendAnnouncement } from '#shared/use-cases/announcements';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { freshPrograms } from '#shared/wiring/programs';
import { nominationStore, outbox } from '#shared/wiring/table';

const deps = {
  programs: freshPrograms(),
  nominations: nominationStore(),
  outbox: outbox(),
  pages: participantPagesFromEnv(),
  clock: clockFromEnv(),
};

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const programId = event.pathParameters?.programId ?? '';
  if (event.requestContext.http.method === 'GET')
    return json(200, await listAnnouncements(deps, programId, actor));
  const value = readJson(event);
  return event.routeKey.endsWith('/preview')
    ? json(200, await previewAnnouncement(deps, programId, actor, value))
    : json(202, await sendAnnouncement(deps, programId, actor, value));
};

export const handler = middy(run).use(httpMiddlewares());
