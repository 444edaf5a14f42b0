import middy from '@middy/core';
import { httpMiddlewares } from '#shared/http/middlewares';
import { nominationChange } from '#shared/http/nomination-change';
import { classifyNomination } from '#shared/use-cases/compose-cohort';
import { requestDeps } from '#shared/wiring/table';

export const run = nominationChange(requestDeps(), classifyNomination);

export const handler = middy(run).use(httpMiddlewares());
