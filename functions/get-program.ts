import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { nominationWindowState } from '#shared/domain/program';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { findProgram } from '#shared/use-cases/find-program';
import { clock } from '#shared/wiring';

const now = clock();

export const run = async (event: APIGatewayProxyEventV2) => {
  const program = findProgram(event.pathParameters?.programId ?? '');
  return json(
    200,
    {
      ...program,
      nominationWindow: { ...program.nominationWindow, state: nominationWindowState(program, now.now()) },
    },
    {
      'cache-control': 'public, max-age=60',
    },
  );
};

export const handler = middy(run).use(httpMiddlewares);
