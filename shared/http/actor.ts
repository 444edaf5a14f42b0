import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { anyGroups, type Group, groups, type StaffActor } from '../domain/actor.ts';
import { ForbiddenError } from '../domain/errors.ts';

const groupClaim = new RegExp(`^(${groups.join('|')})(?::([a-z0-9][a-z0-9-]{0,39}))?$`);

/**
 * API Gateway's JWT authorizer has verified the token before we run; it passes the claims on,
 * flattening arrays to a string like "[organizers reviewers:metlib-2024]". Both shapes are read.
 * `organizers` and `reviewers` hold in every program; `reviewers:metlib-2024` in that one only.
 * Any other group is none of ours.
 */
const membershipsOf = (claim: unknown): Pick<StaffActor, 'groups' | 'programGroups'> => {
  const values = Array.isArray(claim)
    ? claim.map(String)
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  const global: Group[] = [];
  const programGroups: Record<string, Group[]> = {};
  for (const value of values) {
    const match = groupClaim.exec(value);
    if (!match) continue;
    const [, group, programId] = match as unknown as [string, Group, string | undefined];
    if (programId) programGroups[programId] = [...(programGroups[programId] ?? []), group];
    else global.push(group);
  }
  return { groups: global, ...(Object.keys(programGroups).length ? { programGroups } : {}) };
};

/** API Gateway passes boolean claims on as strings. */
const verified = (claim: unknown) => claim === true || claim === 'true';

/**
 * The verified caller as a member of staff. A valid token of nobody in a staff group is refused
 * here (403), before the request is read; what a member may do, and in which program, is the use
 * case's to decide, through `authorize`.
 */
export const staffActorFrom = (event: APIGatewayProxyEventV2WithJWTAuthorizer): StaffActor => {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const actor: StaffActor = {
    kind: 'staff',
    id: String(claims.sub ?? 'unknown'),
    ...membershipsOf(claims['cognito:groups']),
    // An address the user could have set themselves names no one: only a verified one is kept.
    ...(typeof claims.email === 'string' && verified(claims.email_verified) ? { email: claims.email } : {}),
  };
  if (anyGroups(actor).length === 0) {
    throw new ForbiddenError(`This needs membership of ${groups.join(' or ')}`);
  }
  return actor;
};
