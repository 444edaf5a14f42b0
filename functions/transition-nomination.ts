import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { parseOrRefuse } from '#shared/domain/field-issues';
import { transitionCommandSchema } from '#shared/domain/transition-command';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentDetail } from '#shared/http/present-nomination';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { getNomination } from '#shared/use-cases/read-nominations';
import { transitionNomination } from '#shared/use-cases/transition-nomination';
import { transitionDeps } from '#shared/wiring/table';

const deps = transitionDeps();

/**
 * The answer is the nomination as `GET /nominations/{id}` shows it to the same caller (its history,
 * emails and reviews, blind until they have reviewed): read after the write, consistently, so the
 * console shows what it now is without asking again.
 */
export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const command = parseOrRefuse(transitionCommandSchema, readJson(event), 'The transition is not valid');
  const { id } = await transitionNomination(deps, event.pathParameters?.id ?? '', actor, command);
  return json(200, presentDetail(await getNomination(deps, actor, id), actor));
};

export const handler = middy(run).use(httpMiddlewares());
