import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { certificateFontDir } from '#shared/config';
import type { DomainError } from '#shared/domain/errors';
import { staffActorFrom } from '#shared/http/actor';
import { httpMiddlewares } from '#shared/http/middlewares';
import { presentNomination } from '#shared/http/present-nomination';
import { readBody, wantsHtml } from '#shared/http/request-body';
import { json } from '#shared/http/responses';
import { certificateFromPage, issueCertificateNow } from '#shared/use-cases/certificate-on-demand';
import { linkErrorPage } from '#shared/web/nominator-pages';
import { linkSigner } from '#shared/wiring/links';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { requestDeps } from '#shared/wiring/table';

// pdf-lib and the fonts live here and in IssueCertificates only: the page's function stays light.
const deps = {
  ...requestDeps(),
  fontDir: certificateFontDir(),
  links: linkSigner(),
  pages: participantPagesFromEnv(),
};

/**
 * A certificate on demand: the participant's download from their page, and an organizer's
 * "issue it now" (after a name or register correction), which mails it.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  if (event.requestContext.http.method === 'GET') {
    const { pdf, filename } = await certificateFromPage(deps, event.pathParameters?.token ?? '');
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: Buffer.from(pdf).toString('base64'),
      isBase64Encoded: true,
    };
  }
  const actor = staffActorFrom(event as Parameters<typeof staffActorFrom>[0]);
  const body = readBody(event, ['json']);
  const nomination = await issueCertificateNow(
    deps,
    event.pathParameters?.id ?? '',
    actor,
    body.kind === 'json' ? body.value : undefined,
  );
  return json(200, presentNomination(nomination, actor));
};

const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event) || event.requestContext.http.method !== 'GET') return undefined;
  return linkErrorPage(error, 'No certificate yet');
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
