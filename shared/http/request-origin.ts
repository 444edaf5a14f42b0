import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The site's own address as the browser reached it: https on AWS, plain http on this machine.
 * On AWS the host is API Gateway's domain (its own or the custom one), since API Gateway routes by
 * it; a made-up Host header never reaches a function, so links built from it point to us.
 */
export const requestOrigin = (event: APIGatewayProxyEventV2) => {
  const host = event.headers.host ?? event.requestContext.domainName;
  const loopback = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return `${event.headers['x-forwarded-proto'] ?? (loopback ? 'http' : 'https')}://${host}`;
};
