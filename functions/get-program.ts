import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { nominationWindowState, publicProgram } from '#shared/domain/program';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { freshPrograms } from '#shared/wiring/programs';

// Read fresh: organizers take timelineVersion from here to change the timeline.
const programs = freshPrograms();
const clock = clockFromEnv();

/** The program as it stands, with its current timeline and the version to send when changing it. */
export const run = async (event: APIGatewayProxyEventV2) => {
  const { program, timelineVersion } = await programs.require(event.pathParameters?.programId ?? '');
  return json(
    200,
    {
      ...publicProgram(program),
      nominationWindow: { ...program.nominationWindow, state: nominationWindowState(program, clock.now()) },
      timelineVersion,
    },
    { 'cache-control': 'no-cache' },
  );
};

export const handler = middy(run).use(httpMiddlewares());
