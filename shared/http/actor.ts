import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Group, groups, type StaffActor } from '../domain/actor.ts';
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

/** API Gateway passes boolean claims on as strings. */
const verified = (claim: unknown) => claim === true || claim === 'true';

/**
 * The verified caller as a member of staff. A valid token of nobody in a staff group is refused
 * here (403), before the request is read; what a member may do is the use case's to decide,
 * through `authorize`.
 */
export const staffActorFrom = (event: APIGatewayProxyEventV2WithJWTAuthorizer): StaffActor => {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const actor: StaffActor = {
    kind: 'staff',
    id: String(claims.sub ?? 'unknown'),
    groups: groupsOf(claims['cognito:groups']),
    // An address the user could have set themselves names no one: only a verified one is kept.
    ...(typeof claims.email === 'string' && verified(claims.email_verified) ? { email: claims.email } : {}),
  };
  if (actor.groups.length === 0) {
    throw new ForbiddenError(`This needs membership of ${groups.join(' or ')}`);
  }
  return actor;
};
