import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../logger.ts';
import { compressResponses } from './compress.ts';
import { type HttpErrorOptions, httpErrors } from './error-response.ts';

/**
 * The middlewares every HTTP handler uses. Middy runs `after` and `onError` in reverse order, so
 * an error is mapped to its answer first, then the answer compressed, then logged with its context.
 */
export const httpMiddlewares = (options: HttpErrorOptions = {}) => [
  injectLambdaContext(logger, { resetKeys: true }),
  compressResponses(),
  httpErrors(logger, options),
];
