import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../logger.ts';
import { type HttpErrorOptions, httpErrors } from './error-response.ts';

/** The middlewares every HTTP handler uses, in order: log context first, errors mapped last. */
export const httpMiddlewares = (options: HttpErrorOptions = {}) => [
  injectLambdaContext(logger, { resetKeys: true }),
  httpErrors(logger, options),
];
