import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type DomainError, TooManySubmissionsError, ValidationError } from '#shared/domain/errors';
import type { Program } from '#shared/domain/program';
import { httpMiddlewares } from '#shared/http/middlewares';
import { type ManagedView, presentManaged } from '#shared/http/present-managed';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { json, page, seeOther } from '#shared/http/responses';
import {
  correctByNominator,
  nominationToManage,
  withdrawByNominator,
} from '#shared/use-cases/manage-nomination';
import { bodyToForm, formToBody } from '#shared/web/form-fields';
import { addressNote, managePage, withdrawPage } from '#shared/web/manage-pages';
import { linkErrorPage } from '#shared/web/nominator-pages';
import { nominationFormPage } from '#shared/web/pages';
import { linkVerifier } from '#shared/wiring/link-verifier';
import { intakeLimits } from '#shared/wiring/links';
import { requestDeps } from '#shared/wiring/table';

const deps = { ...requestDeps(), links: linkVerifier(), limits: intakeLimits() };

const notices: Record<string, string> = {
  corrected: 'Your corrections are saved.',
  withdrawn: 'The nomination is withdrawn.',
};

/** The link's own path, without a trailing step: the page every step returns to. */
const basePath = (event: APIGatewayProxyEventV2) =>
  `/nominations/manage/${encodeURIComponent(event.pathParameters?.token ?? '')}`;

/**
 * The nominator's link: GET shows the nomination (JSON for an API client); /edit the form with
 * its answers, POSTed back to correct them; /withdraw a confirmation step, POSTed to withdraw.
 * After each change a browser is sent back to the page, which says what happened.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const token = event.pathParameters?.token ?? '';
  const base = basePath(event);
  const step = event.routeKey.split(' ')[1]?.split('/').at(-1);
  const method = event.requestContext.http.method;
  if (method === 'GET') {
    const managed = await nominationToManage(deps, token);
    const view = presentManaged(managed);
    if (!wantsHtml(event) && step === '{token}') return json(200, view);
    if (step === 'edit') {
      return page(
        200,
        nominationFormPage(managed.program, deps.clock.now(), bodyToForm(view), [], {
          action: base,
          back: base,
          ...withAddressNote(view, managed.program),
        }),
      );
    }
    if (step === 'withdraw') return page(200, withdrawPage(view, managed.program, base));
    return page(
      200,
      managePage(view, managed.program, base, notices[event.queryStringParameters?.done ?? '']),
    );
  }
  if (step === 'withdraw') {
    const withdrawn = await withdrawByNominator(deps, token);
    return wantsHtml(event) ? seeOther(`${base}?done=withdrawn`) : json(200, presentManaged(withdrawn));
  }
  const body = readBody(event, ['json', 'form']);
  const corrected = await correctByNominator(
    deps,
    token,
    body.kind === 'json' ? body.value : formToBody(body.fields),
  );
  return body.kind === 'form' && wantsHtml(event)
    ? seeOther(`${base}?done=corrected`)
    : json(200, presentManaged(corrected));
};

/** The edit form's word on changing the candidate's address, when there is one. */
const withAddressNote = (view: ManagedView, program: Program) => {
  const note = addressNote(view, program);
  return note ? { addressNote: note } : {};
};

/** A posted correction that is refused shows the form again with its answers; a bad link says so. */
const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event)) return undefined;
  // A limit reached keeps the answers too, with the refusal in the error summary.
  const issues =
    error instanceof ValidationError
      ? error.issues
      : error instanceof TooManySubmissionsError
        ? [{ path: '', message: error.message }]
        : undefined;
  if (issues && event.requestContext.http.method === 'POST') {
    const body = readBody(event, ['form']);
    if (body.kind !== 'form') return undefined;
    const managed = await nominationToManage(deps, event.pathParameters?.token ?? '');
    const base = basePath(event);
    return nominationFormPage(managed.program, deps.clock.now(), body.fields, issues, {
      action: base,
      back: base,
      ...withAddressNote(presentManaged(managed), managed.program),
    });
  }
  return linkErrorPage(error, 'This cannot be done now');
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
