import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Actor } from '../domain/actor.ts';
import type { Nomination } from '../domain/nomination.ts';
import { staffActorFrom } from './actor.ts';
import { presentNomination } from './present-nomination.ts';
import { readJson } from './request-body.ts';
import { json } from './responses.ts';

/**
 * The handler of a staff change to one nomination (`/nominations/{id}` with a JSON body): the
 * use case parses the body itself, so its errors name its own fields; the answer is the
 * nomination as it now is.
 */
export const nominationChange =
  <Deps>(
    deps: Deps,
    change: (deps: Deps, nominationId: string, actor: Actor, body: unknown) => Promise<Nomination>,
  ) =>
  async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
    const actor = staffActorFrom(event);
    const nomination = await change(deps, event.pathParameters?.id ?? '', actor, readJson(event));
    return json(200, presentNomination(nomination, actor));
  };
