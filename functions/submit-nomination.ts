import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clockFromEnv as clock } from '#shared/config';
import {
  DuplicateNominationError,
  type FieldIssue,
  NominationWindowClosedError,
  ValidationError,
} from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { json, page, seeOther } from '#shared/http/responses';
import { findProgram } from '#shared/use-cases/find-program';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { formToBody } from '#shared/web/form-fields';
import { nominationFormPage } from '#shared/web/pages';
import { dynamoDbStore } from '#shared/wiring/table';

const deps = { store: dynamoDbStore(), clock: clock() };

/**
 * JSON clients get 201 and the nomination's id. A browser posting the form (with or without
 * script) gets a 303 to the confirmation page, or the form again with its answers and errors.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const programId = event.pathParameters?.programId ?? '';
  const body = readBody(event, ['json', 'form']);
  if (body.kind === 'form' && wantsHtml(event)) {
    try {
      const nomination = await submitNomination(deps, programId, formToBody(body.fields));
      return seeOther(`/programs/${encodeURIComponent(programId)}/nominate/submitted?ref=${nomination.id}`);
    } catch (error) {
      const again = (status: number, issues: FieldIssue[]) =>
        page(status, nominationFormPage(findProgram(programId), deps.clock.now(), body.fields, issues));
      if (error instanceof ValidationError) return again(400, error.issues);
      if (error instanceof DuplicateNominationError) {
        return again(409, [{ path: 'candidate.email', message: error.message }]);
      }
      if (error instanceof NominationWindowClosedError) return again(403, []);
      throw error;
    }
  }
  const nomination = await submitNomination(
    deps,
    programId,
    body.kind === 'json' ? body.value : formToBody(body.fields),
  );
  return json(
    201,
    {
      id: nomination.id,
      status: nomination.status,
      programId: nomination.programId,
      submittedAt: nomination.submittedAt,
    },
    { location: `/nominations/${nomination.id}` },
  );
};

export const handler = middy(run).use(httpMiddlewares);
