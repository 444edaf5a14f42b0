import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clockFromEnv as clock } from '#shared/config';
import { NotFoundError } from '#shared/domain/errors';
import { nominationWindowState } from '#shared/domain/program';
import { httpMiddlewares } from '#shared/http/middlewares';
import { json } from '#shared/http/responses';
import { programRepository } from '#shared/wiring/table';

const now = clock();
// Read fresh: organizers take timelineVersion from here to change the timeline.
const programs = programRepository({ cached: false });

/** The program as it stands, with its current timeline and the version to send when changing it. */
export const run = async (event: APIGatewayProxyEventV2) => {
  const programId = event.pathParameters?.programId ?? '';
  const stored = await programs.get(programId);
  if (!stored) throw new NotFoundError(`There is no program "${programId}"`);
  const { program, timelineVersion } = stored;
  return json(
    200,
    {
      ...program,
      nominationWindow: { ...program.nominationWindow, state: nominationWindowState(program, now.now()) },
      timelineVersion,
    },
    { 'cache-control': 'no-cache' },
  );
};

export const handler = middy(run).use(httpMiddlewares);
