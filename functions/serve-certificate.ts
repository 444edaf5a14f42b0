import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { certificateFontDir } from '#shared/config';
import type { DomainError } from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { nominationChange } from '#shared/http/nomination-change';
import { participantBase } from '#shared/http/participant-base';
import { wantsHtml } from '#shared/http/request-body';
import { certificateFromPage, issueCertificateNow } from '#shared/use-cases/certificate-on-demand';
import { participantLinkErrorPage } from '#shared/web/participant-link-pages';
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

const issueNow = nominationChange(deps, issueCertificateNow);

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
  return issueNow(event as APIGatewayProxyEventV2WithJWTAuthorizer);
};

const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event) || event.requestContext.http.method !== 'GET') return undefined;
  return participantLinkErrorPage(error, participantBase(event), 'No certificate yet');
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
