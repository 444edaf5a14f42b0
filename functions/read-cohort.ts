import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { ConsideredDecision } from '#shared/domain/cohort';
import { ValidationError } from '#shared/domain/errors';
import { globalSouthSource } from '#shared/domain/global-south';
import { allSubRegions } from '#shared/domain/regions';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { readCohort } from '#shared/use-cases/compose-cohort';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

/** How many nominations one preview may consider: a page of the console's table, twice over. */
const previewLimit = 100;
const idPattern = /^[A-Za-z0-9-]{1,64}$/;

/** `?select=a,b&reject=c&reserve=d`: the decisions the preview considers, in that order. */
const considered = (query: Record<string, string | undefined>): ConsideredDecision[] => {
  const decisions: ConsideredDecision[] = [];
  for (const action of ['select', 'reject', 'reserve'] as const) {
    for (const id of (query[action] ?? '').split(',').filter(Boolean)) {
      if (!idPattern.test(id)) {
        throw new ValidationError('The preview is not valid', [
          { path: action, message: `"${id.slice(0, 64)}" is not a nomination id` },
        ]);
      }
      decisions.push({ id, action });
    }
  }
  if (decisions.length > previewLimit) {
    throw new ValidationError('The preview is not valid', [
      { path: '', message: `A preview considers at most ${previewLimit} nominations` },
    ]);
  }
  return decisions;
};

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  if (event.routeKey === 'GET /regions') {
    // What an organizer's correction may name, and where the Global South list comes from.
    return json(200, { subRegions: allSubRegions(), globalSouth: globalSouthSource });
  }
  const programId = event.pathParameters?.programId ?? '';
  return json(200, await readCohort(deps, programId, actor, considered(event.queryStringParameters ?? {})));
};

export const handler = middy(run).use(httpMiddlewares());
