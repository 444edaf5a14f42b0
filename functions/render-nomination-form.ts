import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clockFromEnv } from '#shared/config';
import { isNominationId } from '#shared/domain/nomination-id';
import { nominationWindowState } from '#shared/domain/program';
import { referenceOf } from '#shared/domain/reference';
import { httpMiddlewares } from '#shared/http/middlewares';
import { type HttpResult, page } from '#shared/http/responses';
import { confirmationPage, nominationFormPage } from '#shared/web/pages';
import { privacyPage } from '#shared/web/privacy-page';
import { requestPrograms } from '#shared/wiring/programs';

const programs = requestPrograms();
const clock = clockFromEnv();

/** `/` shows the program whose nominations are open, or else the most recent one. */
const defaultProgram = async () => {
  const all = (await programs.all()).map((stored) => stored.program);
  return (
    all.find((p) => nominationWindowState(p, clock.now()) === 'open') ??
    all.sort((a, b) => b.nominationWindow.closesAt.localeCompare(a.nominationWindow.closesAt))[0]
  );
};

/** Crawlers may index the form; the staff console and the API are not for them. */
const robots: HttpResult = {
  statusCode: 200,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  body: 'User-agent: *\nAllow: /\nDisallow: /staff/\nDisallow: /nominations/\n',
};

export const run = async (event: APIGatewayProxyEventV2) => {
  if (event.routeKey === 'GET /robots.txt') return robots;
  const programId = event.pathParameters?.programId;
  const program =
    programId === undefined ? await defaultProgram() : (await programs.require(programId)).program;
  if (!program) return page(404, '<!doctype html><title>No program</title><p>There is no program yet.</p>');
  if (event.routeKey.endsWith('/privacy')) return page(200, privacyPage(program));
  if (event.routeKey.endsWith('/submitted')) {
    const ref = event.queryStringParameters?.ref ?? '';
    return page(
      200,
      confirmationPage(program, isNominationId(ref) ? referenceOf(ref) : 'in the email we sent you'),
    );
  }
  return page(200, nominationFormPage(program, clock.now()));
};

export const handler = middy(run).use(httpMiddlewares());
