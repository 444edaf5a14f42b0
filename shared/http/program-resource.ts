import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Actor } from '../domain/actor.ts';
import { staffActorFrom } from './actor.ts';
import { readJson } from './request-body.ts';
import { json } from './responses.ts';

/**
 * The handler of a staff resource of a program (`/programs/{programId}/…`): GET answers what
 * `read` gives, any other method what `change` gives for the JSON body; the use cases check who
 * may do either. `change` is handed the event for what else its route names.
 */
export const programResource =
  <Deps>(
    deps: Deps,
    read: (deps: Deps, programId: string, actor: Actor) => Promise<unknown>,
    change: (
      deps: Deps,
      programId: string,
      actor: Actor,
      body: unknown,
      event: APIGatewayProxyEventV2WithJWTAuthorizer,
    ) => Promise<unknown>,
  ) =>
  async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => {
    const actor = staffActorFrom(event);
    const programId = event.pathParameters?.programId ?? '';
    if (event.requestContext.http.method === 'GET') return json(200, await read(deps, programId, actor));
    return json(200, await change(deps, programId, actor, readJson(event), event));
  };
