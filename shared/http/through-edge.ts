import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotThroughEdgeError } from '../domain/errors.ts';

/** The headers between CloudFront and the functions (infra/edge.ts sets them; API Gateway lowercases names). */
export const edgeHeaders = {
  /** The origin secret, which CloudFront adds to every request it forwards. */
  originSecret: 'x-origin-verify',
  /** The host the viewer asked for, which the distribution's viewer-request function sets. */
  viewerHost: 'x-forwarded-host',
  /** CloudFront's own: the viewer's address and source port, `198.51.100.10:46532`. */
  viewerAddress: 'cloudfront-viewer-address',
} as const;

/** The address in `CloudFront-Viewer-Address`: everything before the port (IPv6 has colons of its own). */
const viewerIp = (value: string | undefined) => {
  const at = value?.lastIndexOf(':') ?? -1;
  const ip = at > 0 ? value?.slice(0, at).replace(/^\[(.*)\]$/, '$1') : undefined;
  return ip && /^[0-9a-f.:]+$/i.test(ip) ? ip : undefined;
};

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b);

/**
 * Where CloudFront stands in front of the API (`originSecret` given), answers only what came
 * through it: a request without the origin secret is refused with 403 before the handler runs.
 * A request that proves it came through CloudFront is then read as the viewer made it: its source
 * address is the viewer's (API Gateway sees CloudFront's), so the per-source submission limits
 * count viewers; its host is the one the viewer asked for, so the links built from it name the
 * site. Without the proof neither header is believed: anyone can send them. The secret header is
 * taken out of the event either way, so no handler or log line ever holds it.
 */
export const throughEdge = (
  originSecret: (() => Promise<Uint8Array>) | undefined,
): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: async ({ event }) => {
    if (!originSecret) return;
    const headers = event.headers ?? {};
    const sent = headers[edgeHeaders.originSecret];
    delete headers[edgeHeaders.originSecret];
    if (sent === undefined || !sameBytes(new TextEncoder().encode(sent), await originSecret())) {
      throw new NotThroughEdgeError("This address answers only requests made through the site's own address");
    }
    const viewer = viewerIp(headers[edgeHeaders.viewerAddress]);
    if (viewer) event.requestContext.http.sourceIp = viewer;
    const host = headers[edgeHeaders.viewerHost];
    if (host) headers.host = host;
  },
});
