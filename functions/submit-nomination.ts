import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type DomainError,
  DuplicateNominationError,
  type FieldIssue,
  NominationWindowClosedError,
  ValidationError,
} from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { json, seeOther } from '#shared/http/responses';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { formToBody } from '#shared/web/form-fields';
import { nominationFormPage } from '#shared/web/pages';
import { requestDeps } from '#shared/wiring/table';

const deps = requestDeps();

/**
 * JSON clients get 201 and the nomination's id. A browser posting the form (with or without
 * script) gets a 303 to the confirmation page, or the form again with its answers and errors
 * (`formAgain`, at the status the error maps to).
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const programId = event.pathParameters?.programId ?? '';
  const body = readBody(event, ['json', 'form']);
  const nomination = await submitNomination(
    deps,
    programId,
    body.kind === 'json' ? body.value : formToBody(body.fields),
  );
  if (body.kind === 'form' && wantsHtml(event)) {
    return seeOther(`/programs/${encodeURIComponent(programId)}/nominate/submitted?ref=${nomination.id}`);
  }
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

/** Where each refusal of a posted form shows on the form; other errors answer JSON. */
const issuesOnForm = (error: DomainError): FieldIssue[] | undefined => {
  if (error instanceof ValidationError) return error.issues;
  if (error instanceof DuplicateNominationError) return [{ path: 'candidate.email', message: error.message }];
  if (error instanceof NominationWindowClosedError) return [];
  return undefined;
};

const formAgain = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  const issues = issuesOnForm(error);
  if (!issues || !wantsHtml(event)) return undefined;
  const body = readBody(event, ['form']);
  if (body.kind !== 'form') return undefined;
  const { program } = await deps.programs.require(event.pathParameters?.programId ?? '');
  return nominationFormPage(program, deps.clock.now(), body.fields, issues);
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: formAgain }));
