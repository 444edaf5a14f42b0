import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { nominationsCsv } from '#shared/documents/nominations-csv';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { download } from '#shared/http/responses';
import { exportNominations } from '#shared/use-cases/export-nominations';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

export const run = async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const actor = staffActorFrom(event);
  const { programId, entries } = await exportNominations(deps, actor, event.pathParameters?.programId ?? '');
  return download(nominationsCsv(entries), {
    contentType: 'text/csv; charset=utf-8',
    filename: `${programId}-nominations.csv`,
  });
};

export const handler = middy(run).use(httpMiddlewares());
