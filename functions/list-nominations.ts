import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ValidationError } from '#shared/domain/errors';
import { toFieldIssues } from '#shared/domain/nomination';
import { nominationStatuses } from '#shared/domain/nomination-states';
import * as z from '#shared/domain/zod';
import { actorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { findProgram } from '#shared/use-cases/find-program';
import { dynamoDbStore } from '#shared/wiring/table';

const store = dynamoDbStore();

const limitError = { error: 'limit must be a whole number from 1 to 100' };
const querySchema = z.object({
  status: z.optional(
    z.enum(nominationStatuses, { error: `status must be one of: ${nominationStatuses.join(', ')}` }),
  ),
  limit: z._default(
    z.coerce
      .number(limitError)
      .check(
        z.refine(Number.isInteger, { ...limitError, abort: true }),
        z.minimum(1, limitError),
        z.maximum(100, limitError),
      ),
    25,
  ),
  cursor: z.optional(z.string().check(z.maxLength(2048, { error: 'cursor is too long' }))),
});

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  actorFrom(event, ['organizers', 'reviewers']);
  const program = findProgram(event.pathParameters?.programId ?? '');
  const query = querySchema.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw new ValidationError('The query string is not valid', toFieldIssues(query.error));
  const { status, limit, cursor } = query.data;
  const page = await store.list(program.id, {
    limit,
    ...(status ? { status } : {}),
    ...(cursor ? { cursor } : {}),
  });
  return json(200, {
    items: page.items.map(presentNomination),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
};

export const handler = middy(run).use(httpMiddlewares);
