import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { parseOrRefuse } from '#shared/domain/field-issues';
import { allowedActions } from '#shared/domain/nomination-states';
import { transitionCommandSchema } from '#shared/domain/transition-command';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { transitionDeps } from '#shared/wiring/table';

const deps = transitionDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const command = parseOrRefuse(transitionCommandSchema, readJson(event), 'The transition is not valid');
  const nomination = await transitionNomination(deps, event.pathParameters?.id ?? '', actor, command);
  return json(200, {
    id: nomination.id,
    status: nomination.status,
    ...(nomination.decision ? { decision: nomination.decision } : {}),
    version: nomination.version,
    ...(nomination.reserveRank !== undefined ? { rank: nomination.reserveRank } : {}),
    allowedActions: allowedActions(nomination),
  });
};

export const handler = middy(run).use(httpMiddlewares());
