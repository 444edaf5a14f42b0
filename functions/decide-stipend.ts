import middy from '@middy/core';
import { httpMiddlewares } from '#shared/http/middlewares';
import { nominationChange } from '#shared/http/nomination-change';
import { decideStipend } from '#shared/use-cases/compose-cohort';
import { requestDeps } from '#shared/wiring/table';

export const run = nominationChange(requestDeps(), decideStipend);

export const handler = middy(run).use(httpMiddlewares());
