import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { scheduledKinds } from '../../events/contracts.ts';
import { catalog } from '../../functions/catalog.ts';
import { matchesFilter } from '../../local/stream-records.ts';
import { actorName } from '../../shared/domain/actor.ts';
import { ForbiddenError } from '../../shared/domain/errors.ts';
import { staffActorFrom } from '../../shared/http/actor.ts';

const mailer = catalog.find((f) => f.stream);

describe("the mailer's stream filter", () => {
  const record = (eventName: string, type: string) => ({
    eventName,
    dynamodb: { NewImage: { type: { S: type } } },
  });

  it('selects inserted outbox emails only', () => {
    const filter = mailer?.stream?.filter ?? {};
    expect(matchesFilter(filter, record('INSERT', 'email'))).toBe(true);
    expect(matchesFilter(filter, record('MODIFY', 'email'))).toBe(false);
    expect(matchesFilter(filter, record('INSERT', 'nomination'))).toBe(false);
    expect(matchesFilter(filter, { eventName: 'REMOVE', dynamodb: {} })).toBe(false);
  });
});

describe('the caller from API Gateway JWT claims', () => {
  const event = (claims: Record<string, unknown>) =>
    ({
      requestContext: { authorizer: { jwt: { claims } } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

  it('reads groups flattened to "[a b]" as API Gateway passes them, and as an array', () => {
    expect(
      staffActorFrom(
        event({
          sub: 'u1',
          email: 'a@b.org',
          email_verified: 'true',
          'cognito:groups': '[organizers reviewers]',
        }),
      ),
    ).toEqual({
      kind: 'staff',
      id: 'u1',
      email: 'a@b.org',
      groups: ['organizers', 'reviewers'],
    });
    expect(staffActorFrom(event({ sub: 'u2', 'cognito:groups': ['reviewers'] })).groups).toEqual([
      'reviewers',
    ]);
  });

  it('keeps the email only when the identity provider verified it', () => {
    const groups = { 'cognito:groups': ['organizers'] };
    expect(
      staffActorFrom(event({ sub: 'u4', email: 'a@b.org', email_verified: true, ...groups })).email,
    ).toBe('a@b.org');
    for (const email_verified of [false, 'false', undefined]) {
      const actor = staffActorFrom(event({ sub: 'u4', email: 'a@b.org', email_verified, ...groups }));
      expect(actor).toEqual({ kind: 'staff', id: 'u4', groups: ['organizers'] });
      expect(actorName(actor)).toBe('u4');
    }
  });

  it('reads a group limited to one program as `group:programId`, beside the global groups', () => {
    expect(
      staffActorFrom(
        event({
          sub: 'u4',
          'cognito:groups': '[reviewers:metlib-2024 organizers:other-2025 reviewers:other-2025]',
        }),
      ),
    ).toEqual({
      kind: 'staff',
      id: 'u4',
      groups: [],
      programGroups: { 'metlib-2024': ['reviewers'], 'other-2025': ['organizers', 'reviewers'] },
    });
    expect(
      staffActorFrom(event({ sub: 'u5', 'cognito:groups': ['organizers', 'reviewers:metlib-2024'] })),
    ).toEqual({
      kind: 'staff',
      id: 'u5',
      groups: ['organizers'],
      programGroups: { 'metlib-2024': ['reviewers'] },
    });
  });

  it('refuses a caller in no staff group, ignoring unknown groups', () => {
    expect(() =>
      staffActorFrom(event({ sub: 'u6', 'cognito:groups': '[admins:metlib-2024 reviewers:]' })),
    ).toThrow(ForbiddenError);
    expect(() => staffActorFrom(event({ sub: 'u3', 'cognito:groups': '[admins]' }))).toThrow(ForbiddenError);
    expect(() => staffActorFrom(event({}))).toThrow(ForbiddenError);
  });
});

describe('the catalog', () => {
  it('names each function once and gives every route a distinct method and path', () => {
    expect(new Set(catalog.map((f) => f.name)).size).toBe(catalog.length);
    const routes = catalog.flatMap((f) => f.routes ?? []).map((r) => `${r.method} ${r.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('guards every staff route and leaves the form, program and submission public', () => {
    const byRoute = Object.fromEntries(
      catalog.flatMap((f) => f.routes ?? []).map((r) => [`${r.method} ${r.path}`, r.staff]),
    );
    expect(byRoute['POST /programs/{programId}/nominations']).toBeUndefined();
    expect(byRoute['GET /programs/{programId}']).toBeUndefined();
    expect(byRoute['GET /programs/{programId}/nominations']).toBe(true);
    expect(byRoute['POST /nominations/{id}/transitions']).toBe(true);
    expect(byRoute['POST /programs/{programId}/notifications']).toBe(true);
    expect(byRoute['PUT /programs/{programId}/timeline']).toBe(true);
  });

  it('has exactly one function run each kind of program schedule, each with its own ARN variable', () => {
    const targets = catalog.flatMap((f) => (f.scheduleTarget ? [f.scheduleTarget] : []));
    expect(targets.flatMap((t) => t.kinds).sort()).toEqual([...scheduledKinds].sort());
    expect(new Set(targets.map((t) => t.arnVariable)).size).toBe(targets.length);
    // One way in per function: the infra gives each its own async-invoke settings.
    expect(catalog.filter((f) => f.scheduleTarget && f.every)).toEqual([]);
  });
});
