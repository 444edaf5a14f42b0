import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { CrossSiteRequestError } from '../domain/errors.ts';
import { logger } from '../logger.ts';
import { edgeOriginSecret } from '../wiring/edge.ts';
import { compressResponses } from './compress.ts';
import { refuseCrossSiteRequests } from './cross-site.ts';
import { type HttpErrorOptions, httpErrors } from './error-response.ts';
import { wantsHtml } from './request-body.ts';
import { throughEdge } from './through-edge.ts';

/** A browser refused for a cross-site form gets a page saying why; the pages load only then. */
const crossSitePage = async () => (await import('../web/nominator-pages.ts')).crossSitePage();

/**
 * The middlewares every HTTP handler uses. Middy runs `after` and `onError` in reverse order, so
 * an error is mapped to its answer first, then the answer compressed, then logged with its context.
 * Called as a handler module loads: the origin check's configuration is read then, once. The
 * check comes first among the `before`s, so whatever reads the event after it reads it as the
 * viewer sent it, and a request that went around CloudFront reaches nothing. The last refuses a
 * cross-site POST on a public route before the handler runs, judged against the viewer's host.
 */
export const httpMiddlewares = (options: HttpErrorOptions = {}) => [
  injectLambdaContext(logger, { resetKeys: true }),
  throughEdge(edgeOriginSecret()),
  compressResponses(),
  httpErrors(logger, {
    errorPage: (error, event) =>
      error instanceof CrossSiteRequestError
        ? wantsHtml(event)
          ? crossSitePage()
          : Promise.resolve(undefined)
        : (options.errorPage?.(error, event) ?? Promise.resolve(undefined)),
  }),
  refuseCrossSiteRequests(),
];
