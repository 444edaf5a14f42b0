import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { evaluationCsv } from '#shared/documents/evaluation-csv';
import { type DomainError, ValidationError, VersionConflictError } from '#shared/domain/errors';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { participantBase } from '#shared/http/participant-base';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { download, json, page, seeOther } from '#shared/http/responses';
import { answerEvaluation, evaluationForm, readEvaluationResults } from '#shared/use-cases/evaluation';
import { evaluationPage } from '#shared/web/evaluation-pages';
import { participantLinkErrorPage } from '#shared/web/participant-link-pages';
import { linkVerifier } from '#shared/wiring/link-verifier';
import { freshPrograms } from '#shared/wiring/programs';
import { evaluations, nominationStore } from '#shared/wiring/table';

const deps = {
  nominations: nominationStore(),
  programs: freshPrograms(),
  evaluations: evaluations(),
  clock: clockFromEnv(),
  links: linkVerifier(),
};

/** The answers as posted: a form's fields, or a JSON object. */
const answersIn = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const body = readBody(event, ['json', 'form']);
  if (body.kind === 'form') return Object.fromEntries(body.fields.entries());
  return body.kind === 'json' && body.value && typeof body.value === 'object'
    ? (body.value as Record<string, unknown>)
    : {};
};

/**
 * The hosted evaluation: the participant's form (GET) and their answers (POST, from the form or as
 * JSON), and for staff the results (JSON) and the answers as CSV.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const route = event.routeKey.split(' ')[1] ?? '';
  if (route.startsWith('/programs/')) {
    const actor = staffActorFrom(event as APIGatewayProxyEventV2WithJWTAuthorizer);
    const programId = event.pathParameters?.programId ?? '';
    const results = await readEvaluationResults(deps, programId, actor);
    if (!route.endsWith('.csv')) return json(200, results);
    const { program } = await deps.programs.require(programId);
    return download(evaluationCsv(program.evaluation.questions, results.responses), {
      contentType: 'text/csv; charset=utf-8',
      filename: `evaluation-${programId}.csv`,
    });
  }
  const token = event.pathParameters?.token ?? '';
  if (event.requestContext.http.method === 'GET') {
    const notice =
      event.queryStringParameters?.done === 'saved' ? 'Your answers are saved. Thank you.' : undefined;
    return page(
      200,
      evaluationPage(await evaluationForm(deps, token), participantBase(event), notice ? { notice } : {}),
    );
  }
  const saved = await answerEvaluation(deps, token, answersIn(event));
  return wantsHtml(event) ? seeOther(`${participantBase(event)}/evaluation?done=saved`) : json(200, saved);
};

/** A refused answer shows the form again with what was given; a bad link or a closed form says so. */
const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event) || event.routeKey.includes('/programs/')) return undefined;
  if (error instanceof ValidationError || error instanceof VersionConflictError) {
    const view = await evaluationForm(deps, event.pathParameters?.token ?? '');
    if (error instanceof VersionConflictError)
      return evaluationPage(view, participantBase(event), { conflict: error.message });
    const given = Object.fromEntries(
      Object.entries(answersIn(event)).map(([key, value]) => [key, String(value)]),
    );
    return evaluationPage(view, participantBase(event), { issues: error.issues, given });
  }
  return participantLinkErrorPage(error, participantBase(event), 'This cannot be done now');
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
