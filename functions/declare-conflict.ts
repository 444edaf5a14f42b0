import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { parseOrRefuse } from '#shared/domain/field-issues';
import { conflictDeclarationSchema } from '#shared/domain/transition-command';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { declareConflict } from '#shared/use-cases/declare-conflict';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const declaration = parseOrRefuse(
    conflictDeclarationSchema,
    readJson(event),
    'The declaration is not valid',
  );
  const nomination = await declareConflict(deps, event.pathParameters?.id ?? '', actor, declaration);
  return json(201, presentNomination(nomination, actor));
};

export const handler = middy(run).use(httpMiddlewares());
