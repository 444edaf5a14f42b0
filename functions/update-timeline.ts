import middy from '@middy/core';
import { httpMiddlewares } from '#shared/http/middlewares';
import { programResource } from '#shared/http/program-resource';
import { readTimeline, updateTimeline } from '#shared/use-cases/update-timeline';
import { programChangeDeps } from '#shared/wiring/program-change';

const deps = programChangeDeps();

export const run = programResource(deps, readTimeline, updateTimeline);

export const handler = middy(run).use(httpMiddlewares());
