import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../logger.ts';
import { edgeOriginSecret } from '../wiring/edge.ts';
import { compressResponses } from './compress.ts';
import { type HttpErrorOptions, httpErrors } from './error-response.ts';
import { throughEdge } from './through-edge.ts';

/**
 * The middlewares every HTTP handler uses. Middy runs `after` and `onError` in reverse order, so
 * an error is mapped to its answer first, then the answer compressed, then logged with its context.
 * Called as a handler module loads: the origin check's configuration is read then, once. The
 * check comes first among the `before`s, so whatever reads the event after it reads it as the
 * viewer sent it, and a request that went around CloudFront reaches nothing.
 */
export const httpMiddlewares = (options: HttpErrorOptions = {}) => [
  injectLambdaContext(logger, { resetKeys: true }),
  throughEdge(edgeOriginSecret()),
  compressResponses(),
  httpErrors(logger, options),
];
