import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { z } from 'zod';
import { ValidationError } from '#shared/domain/errors';
import { toFieldIssues } from '#shared/domain/nomination';
import { nominationStatuses } from '#shared/domain/nomination-states';
import { actorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { findProgram } from '#shared/use-cases/find-program';
import { dynamoDbStore } from '#shared/wiring/table';

const store = dynamoDbStore();

const querySchema = z.object({
  status: z
    .enum(nominationStatuses, { error: `status must be one of: ${nominationStatuses.join(', ')}` })
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a whole number from 1 to 100' })
    .int({ error: 'limit must be a whole number from 1 to 100' })
    .min(1, { error: 'limit must be a whole number from 1 to 100' })
    .max(100, { error: 'limit must be a whole number from 1 to 100' })
    .default(25),
  cursor: z.string().max(2048, { error: 'cursor is too long' }).optional(),
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
