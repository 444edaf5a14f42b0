import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { resendEmail } from '#shared/use-cases/resend-email';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const { id = '', key = '' } = event.pathParameters ?? {};
  const copy = await resendEmail(deps, id, key, actor);
  return json(202, { key: copy.key, kind: copy.kind, to: copy.to, cc: copy.cc, status: 'pending' });
};

export const handler = middy(run).use(httpMiddlewares());
