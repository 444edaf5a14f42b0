import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CrossSiteRequestError } from '../domain/errors.ts';
import { requestOrigin } from './request-origin.ts';
import type { HttpResult } from './responses.ts';

/** Methods that change nothing: a link or an image may send them from anywhere. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A public route is one the catalog gives no `staff`: API Gateway (and the local gateway) runs
 * no JWT authorizer on it, so its event carries none. Staff routes need a bearer token, which no
 * other site's page can make a browser send.
 */
const isPublic = (event: APIGatewayProxyEventV2) =>
  (event.requestContext as { authorizer?: unknown } | undefined)?.authorizer === undefined;

/**
 * Why a request that would change something was sent from another site's page, or undefined.
 *
 * `Sec-Fetch-Site`, when the browser sends it, decides: a page cannot set it, and it says
 * `same-origin` for our own forms (or `none` for what the person did themselves) even where
 * `Origin` reads `null`. A browser too old to send it is judged by `Origin`, which must then be
 * the site's own. A client that sends neither (curl, an API client) is no browser that another
 * site could drive, and goes on.
 */
export const crossSiteRefusal = (event: APIGatewayProxyEventV2): string | undefined => {
  const site = event.headers?.['sec-fetch-site'];
  if (site !== undefined) {
    return site === 'same-origin' || site === 'none'
      ? undefined
      : `This was sent from another site (Sec-Fetch-Site: ${site.slice(0, 20)}); we take forms only from our own pages`;
  }
  const origin = event.headers?.origin;
  if (origin === undefined || origin === requestOrigin(event)) return undefined;
  return 'This was sent from another site (its Origin is not ours); we take forms only from our own pages';
};

/**
 * Refuses, before the function does anything, a POST (or any method that changes something) on
 * a public route sent from another site's page: a hostile page could otherwise make every
 * visitor's browser send our forms (403 CrossSiteRequest, answered by the one error mapping).
 */
export const refuseCrossSiteRequests = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  before: ({ event }) => {
    // An event without a method is no HTTP request (a test's bare event): nothing to judge.
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    if (safeMethods.has(method) || !isPublic(event)) return;
    const refusal = crossSiteRefusal(event);
    if (refusal) throw new CrossSiteRequestError(refusal);
  },
});
