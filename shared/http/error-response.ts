import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError, type FieldIssue, InvalidTransitionError, ValidationError } from '../domain/errors.ts';
import { type HttpResult, json, page } from './responses.ts';

export interface ErrorBody {
  error: string;
  message: string;
  issues?: FieldIssue[];
  allowedActions?: readonly string[];
}

export interface HttpErrorOptions {
  /**
   * For routes a browser posts to: the page to answer a domain error with, at the status the one
   * mapping gives it, or undefined to answer JSON. A page that cannot be made falls back to JSON.
   */
  errorPage?: (error: DomainError, event: APIGatewayProxyEventV2) => Promise<string | undefined>;
}

/** The one mapping from errors to HTTP: each domain error carries its status; anything else is a 500 without details. */
export const errorResponse = (error: unknown, logger: Logger): { status: number; body: ErrorBody } => {
  if (error instanceof DomainError) {
    if (error.status >= 500) logger.warn('dependency unavailable', { error });
    return {
      status: error.status,
      body: {
        error: error.code,
        message: error.message,
        ...(error instanceof ValidationError && error.issues.length > 0 ? { issues: error.issues } : {}),
        ...(error instanceof InvalidTransitionError ? { allowedActions: error.allowedActions } : {}),
      },
    };
  }
  logger.error('unhandled error', { error });
  return { status: 500, body: { error: 'InternalError', message: 'Something went wrong on our side' } };
};

/** Middy middleware answering every error as JSON `{error, message, issues?}`, or as the route's error page. */
export const httpErrors = (
  logger: Logger,
  options: HttpErrorOptions = {},
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const { error } = request;
    const { status, body } = errorResponse(error, logger);
    if (options.errorPage && error instanceof DomainError) {
      const markup = await options.errorPage(error, request.event).catch((pageError: unknown) => {
        logger.warn('error page could not be made; answering JSON', { error: pageError });
        return undefined;
      });
      if (markup !== undefined) {
        request.response = page(status, markup);
        return;
      }
    }
    request.response = json(status, body, status === 503 ? { 'retry-after': '2' } : {});
  },
});
