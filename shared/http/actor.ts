import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Actor, type Group, groups } from '../domain/actor.ts';
import { ForbiddenError } from '../domain/errors.ts';

/**
 * API Gateway's JWT authorizer has verified the token before we run; it passes the claims on,
 * flattening arrays to a string like "[organizers reviewers]". Both shapes are read.
 */
const groupsOf = (claim: unknown): Group[] => {
  const values = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return values.filter((g): g is Group => (groups as readonly string[]).includes(g));
};

/** The verified caller; 403 unless they belong to one of `allowed`. */
export const actorFrom = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  allowed: readonly Group[],
): Actor => {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const actor: Actor = {
    id: String(claims.sub ?? 'unknown'),
    groups: groupsOf(claims['cognito:groups']),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
  };
  if (!actor.groups.some((g) => allowed.includes(g))) {
    throw new ForbiddenError(`This needs membership of ${allowed.join(' or ')}`);
  }
  return actor;
};
