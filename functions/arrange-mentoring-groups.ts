import middy from '@middy/core';
import { clockFromEnv } from '#shared/config';
import { httpMiddlewares } from '#shared/http/middlewares';
import { programResource } from '#shared/http/program-resource';
import { changeMentoringGroups, readMentoringGroups } from '#shared/use-cases/mentoring-groups';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { freshPrograms } from '#shared/wiring/programs';
import { nominationStore } from '#shared/wiring/table';

const deps = {
  programs: freshPrograms(),
  nominations: nominationStore(),
  clock: clockFromEnv(),
  pages: participantPagesFromEnv(),
};

export const run = programResource(deps, readMentoringGroups, changeMentoringGroups);

export const handler = middy(run).use(httpMiddlewares());
