import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ValidationError } from '#shared/domain/errors';
import { parseOrRefuse } from '#shared/domain/field-issues';
import { nominationStatuses } from '#shared/domain/nomination-states';
import * as z from '#shared/domain/zod';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { json } from '#shared/http/responses';
import { listNominations } from '#shared/use-cases/read-nominations';
import { listQueue } from '#shared/use-cases/reviewer-queue';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

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
  queue: z.optional(z.literal('mine', { error: 'queue must be "mine"' })),
});

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const query = parseOrRefuse(
    querySchema,
    event.queryStringParameters ?? {},
    'The query string is not valid',
  );
  const { status, limit, cursor, queue } = query;
  const programId = event.pathParameters?.programId ?? '';
  if (queue && status) {
    throw new ValidationError('The query string is not valid', [
      { path: 'queue', message: 'queue=mine holds submitted and reviewed nominations; leave status out' },
    ]);
  }
  const page = queue
    ? await listQueue(deps, actor, programId, { limit, ...(cursor ? { cursor } : {}) })
    : await listNominations(deps, actor, programId, {
        limit,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
  return json(200, {
    items: page.items.map((n) => presentNomination(n, actor)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
};

export const handler = middy(run).use(httpMiddlewares());
