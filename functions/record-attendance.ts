import middy from '@middy/core';
import { clockFromEnv } from '#shared/config';
import { httpMiddlewares } from '#shared/http/middlewares';
import { programResource } from '#shared/http/program-resource';
import { readAttendance, recordAttendance } from '#shared/use-cases/attendance';
import { freshPrograms } from '#shared/wiring/programs';
import { nominationStore } from '#shared/wiring/table';

const deps = { programs: freshPrograms(), nominations: nominationStore(), clock: clockFromEnv() };

export const run = programResource(deps, readAttendance, (deps, programId, actor, body, event) =>
  recordAttendance(deps, programId, event.pathParameters?.eventId ?? '', actor, body),
);

export const handler = middy(run).use(httpMiddlewares());
