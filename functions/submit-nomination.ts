import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  type DomainError,
  DuplicateNominationError,
  type FieldIssue,
  NominationWindowClosedError,
  TooManySubmissionsError,
  ValidationError,
} from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { requestOrigin } from '#shared/http/request-origin';
import { json, seeOther } from '#shared/http/responses';
import { submitNomination } from '#shared/use-cases/submit-nomination';
import { formToBody } from '#shared/web/form-fields';
import { nominationFormPage } from '#shared/web/pages';
import { intakeLimits, linkSigner } from '#shared/wiring/links';
import { requestDeps } from '#shared/wiring/table';

const deps = { ...requestDeps(), links: linkSigner(), limits: intakeLimits() };

/**
 * JSON clients get 202: stored, awaiting the nominator's confirmation. A browser posting the form
 * (with or without script) gets a 303 to the page that asks them to check their email, or the
 * form again with its answers and errors (`formAgain`, at the status the error maps to). The
 * answer is the same whether or not the candidate was nominated before.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const programId = event.pathParameters?.programId ?? '';
  const body = readBody(event, ['json', 'form']);
  const nomination = await submitNomination(
    deps,
    programId,
    body.kind === 'json' ? body.value : formToBody(body.fields),
    { origin: requestOrigin(event), sourceIp: event.requestContext.http.sourceIp },
  );
  if (body.kind === 'form' && wantsHtml(event)) {
    return seeOther(`/programs/${encodeURIComponent(programId)}/nominate/submitted?ref=${nomination.id}`);
  }
  return json(202, {
    id: nomination.id,
    status: nomination.status,
    programId: nomination.programId,
    submittedAt: nomination.submittedAt,
    confirmBy: nomination.confirmBy,
    message: 'We have sent the nominator an email with a link to confirm the nomination within 48 hours',
  });
};

/** Where each refusal of a posted form shows on the form; other errors answer JSON. */
const issuesOnForm = (error: DomainError): FieldIssue[] | undefined => {
  if (error instanceof ValidationError) return error.issues;
  if (error instanceof DuplicateNominationError) return [{ path: 'candidate.email', message: error.message }];
  if (error instanceof TooManySubmissionsError) return [{ path: 'nominator.email', message: error.message }];
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
