import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ValidationError } from '#shared/domain/errors';
import { toFieldIssues } from '#shared/domain/field-issues';
import { conflictDeclarationSchema } from '#shared/domain/transition-command';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { readBody } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { declareConflict } from '#shared/use-cases/declare-conflict';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const body = readBody(event, ['json']);
  const declaration = conflictDeclarationSchema.safeParse(body.kind === 'json' ? body.value : undefined);
  if (!declaration.success) {
    throw new ValidationError('The declaration is not valid', toFieldIssues(declaration.error));
  }
  const nomination = await declareConflict(deps, event.pathParameters?.id ?? '', actor, declaration.data);
  return json(201, presentNomination(nomination, actor));
};

export const handler = middy(run).use(httpMiddlewares());
