import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { NotFoundError } from '#shared/domain/errors';
import { isNominationId } from '#shared/domain/nomination-id';
import { actorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { dynamoDbStore } from '#shared/wiring/table';

const store = dynamoDbStore();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  actorFrom(event, ['organizers', 'reviewers']);
  const id = event.pathParameters?.id ?? '';
  const detail = isNominationId(id) ? await store.getDetail(id) : undefined;
  if (!detail) throw new NotFoundError(`There is no nomination "${id}"`);
  return json(200, {
    ...presentNomination(detail.nomination),
    history: detail.history,
    emails: detail.emails,
  });
};

export const handler = middy(run).use(httpMiddlewares);
