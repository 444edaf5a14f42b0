import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { parseOrRefuse } from '#shared/domain/field-issues';
import { reserveRank, staffNote } from '#shared/domain/transition-command';
import * as z from '#shared/domain/zod';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readJson } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { bulkActions, decideInBulk } from '#shared/use-cases/compose-cohort';
import { transitionDeps } from '#shared/wiring/table';

const deps = transitionDeps();

const bodySchema = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        id: z.string({ error: 'id is the nomination’s id' }).check(z.minLength(1), z.maxLength(64)),
        action: z.enum(bulkActions, { error: `action must be one of: ${bulkActions.join(', ')}` }),
        rank: z.optional(reserveRank),
        expectedVersion: z.optional(
          z.int({ error: 'expectedVersion must be a whole number' }).check(z.positive()),
        ),
      }),
      { error: 'decisions is a list of {id, action}' },
    )
    .check(
      z.minLength(1, { error: 'Give at least one decision' }),
      z.maxLength(100, { error: 'At most 100 decisions at once' }),
      z.refine((list) => new Set(list.map((d) => d.id)).size === list.length, {
        error: 'Each nomination may appear once',
      }),
      z.refine((list) => list.every((d) => d.rank === undefined || d.action === 'reserve'), {
        error: 'rank is given only with the reserve action',
      }),
    ),
  note: staffNote,
});

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const parsed = parseOrRefuse(bodySchema, readJson(event), 'The decisions are not valid');
  const results = await decideInBulk(
    deps,
    event.pathParameters?.programId ?? '',
    actor,
    parsed.decisions,
    parsed.note,
  );
  const succeeded = results.filter((r) => r.ok).length;
  // 200 with a result per decision: each is its own transaction, so some may succeed and some not.
  return json(200, { succeeded, failed: results.length - succeeded, results });
};

export const handler = middy(run).use(httpMiddlewares());
