import middy from '@middy/core';
import { httpMiddlewares } from '#shared/http/middlewares';
import { programResource } from '#shared/http/program-resource';
import { changeSettings, readSettings } from '#shared/use-cases/change-program-settings';
import { programChangeDeps } from '#shared/wiring/program-change';

const deps = programChangeDeps();

export const run = programResource(deps, readSettings, changeSettings);

export const handler = middy(run).use(httpMiddlewares());
