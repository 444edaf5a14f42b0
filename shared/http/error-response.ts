import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import {
  ConflictError,
  DomainError,
  type FieldIssue,
  ForbiddenError,
  InvalidTransitionError,
  NominationWindowClosedError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors.ts';
import { type HttpResult, json } from './responses.ts';

export interface ErrorBody {
  error: string;
  message: string;
  issues?: FieldIssue[];
  allowedActions?: readonly string[];
}

const statusOf = (error: DomainError): number => {
  if (error instanceof ValidationError) return 400;
  if (error instanceof ForbiddenError || error instanceof NominationWindowClosedError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof ServiceUnavailableError) return 503;
  return 400;
};

/** The one mapping from errors to HTTP. Unknown errors are logged and answered without details. */
export const errorResponse = (error: unknown, logger: Logger): { status: number; body: ErrorBody } => {
  if (error instanceof DomainError) {
    const status = statusOf(error);
    if (status >= 500) logger.warn('dependency unavailable', { error });
    return {
      status,
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

/** Middy middleware answering every error as JSON `{error, message, issues?}`. */
export const httpErrors = (logger: Logger): MiddlewareObj<unknown, HttpResult> => ({
  onError: (request) => {
    const { status, body } = errorResponse(request.error, logger);
    request.response = json(status, body, status === 503 ? { 'retry-after': '2' } : {});
  },
});
