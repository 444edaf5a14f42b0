import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DomainError } from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { wantsHtml } from '#shared/http/request-body';
import { json, page } from '#shared/http/responses';
import { confirmNomination, nominationToConfirm } from '#shared/use-cases/confirm-nomination';
import { confirmedPage, confirmPage, linkErrorPage } from '#shared/web/nominator-pages';
import { linkVerifier } from '#shared/wiring/link-verifier';
import { requestDeps } from '#shared/wiring/table';

const deps = { ...requestDeps(), links: linkVerifier() };

/**
 * GET shows the nomination to confirm and a button; POST confirms (a browser gets the page that
 * says so, a JSON client `{id, status}`). Confirming again answers the same and sends nothing.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const token = event.pathParameters?.token ?? '';
  if (event.requestContext.http.method === 'GET') {
    const nomination = await nominationToConfirm(deps, token);
    const { program } = await deps.programs.require(nomination.programId);
    return page(
      200,
      nomination.status === 'unconfirmed'
        ? confirmPage(program, nomination, event.rawPath)
        : confirmedPage(program),
      { 'cache-control': 'no-store' },
    );
  }
  const { nomination } = await confirmNomination(deps, token);
  if (!wantsHtml(event)) return json(200, { id: nomination.id, status: nomination.status });
  const { program } = await deps.programs.require(nomination.programId);
  return page(200, confirmedPage(program));
};

const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event) && event.requestContext.http.method !== 'GET') return undefined;
  return linkErrorPage(error);
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
