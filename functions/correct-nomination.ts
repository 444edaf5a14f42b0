import middy from '@middy/core';
import { httpMiddlewares } from '#shared/http/middlewares';
import { nominationChange } from '#shared/http/nomination-change';
import { correctNomination } from '#shared/use-cases/correct-nomination';
import { requestDeps } from '#shared/wiring/table';

export const run = nominationChange(requestDeps(), correctNomination);

export const handler = middy(run).use(httpMiddlewares());
