import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DomainError } from '#shared/domain/errors';
import { httpMiddlewares } from '#shared/http/middlewares';
import { participantBase } from '#shared/http/participant-base';
import { wantsHtml } from '#shared/http/request-body';
import { json, page, seeOther } from '#shared/http/responses';
import {
  participantCalendar,
  participantPage,
  renewCalendarFeed,
  withdrawAsParticipant,
} from '#shared/use-cases/participant-page';
import { requestNewParticipantLink } from '#shared/use-cases/renew-participant-link';
import { newLinkAnswer, newLinkSentPage, participantLinkErrorPage } from '#shared/web/participant-link-pages';
import { leavePage, participantPageHtml } from '#shared/web/participant-pages';
import { linkSigner } from '#shared/wiring/links';
import { participantPagesFromEnv } from '#shared/wiring/participant-pages';
import { transitionDeps } from '#shared/wiring/table';

const deps = { ...transitionDeps(), links: linkSigner(), pages: participantPagesFromEnv() };

const notices: Record<string, string> = {
  calendar: 'Your calendar has a new address: subscribe to it again. The old one no longer works.',
  left: 'You have left the program. We have sent you an email confirming it.',
};

/**
 * A participant's page (GET), its steps (a new calendar address, leaving the program, each a
 * POST that returns to the page; a new link to the page, mailed), and their calendar feed.
 * Every change is a POST behind a button, never a GET: mail scanners open links.
 */
export const run = async (event: APIGatewayProxyEventV2) => {
  const token = event.pathParameters?.token ?? '';
  const route = event.routeKey.split(' ')[1] ?? '';
  if (route === '/calendars/{token}') {
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: await participantCalendar(deps, token),
    };
  }
  if (route.endsWith('/new-link')) {
    // The same answer whatever the token named; the body, an address say, is never read.
    await requestNewParticipantLink(deps, token);
    return wantsHtml(event) ? page(200, newLinkSentPage()) : json(202, { message: newLinkAnswer });
  }
  const post = event.requestContext.http.method === 'POST';
  if (route.endsWith('/calendar')) {
    await renewCalendarFeed(deps, token);
    return seeOther(`${participantBase(event)}?done=calendar`);
  }
  if (route.endsWith('/leave')) {
    if (post) {
      await withdrawAsParticipant(deps, token);
      return seeOther(`${participantBase(event)}?done=left`);
    }
    return page(200, leavePage(await participantPage(deps, token), participantBase(event)));
  }
  const view = await participantPage(deps, token);
  return page(
    200,
    participantPageHtml(view, participantBase(event), notices[event.queryStringParameters?.done ?? '']),
  );
};

/** A bad, expired or replaced link (with "send me a new link"), or a step that cannot be done, says so in words. */
const problemPage = async (error: DomainError, event: APIGatewayProxyEventV2) => {
  if (!wantsHtml(event) || event.routeKey.includes('/calendars/')) return undefined;
  return participantLinkErrorPage(error, participantBase(event), 'This cannot be done now');
};

export const handler = middy(run).use(httpMiddlewares({ errorPage: problemPage }));
