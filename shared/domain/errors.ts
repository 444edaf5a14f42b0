/**
 * Every failure a client can cause has a class here; shared/http/error-response.ts maps them to
 * HTTP in one place. Anything else is our fault and becomes a 500 without details.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'ValidationError';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NotFound';
}

export class ForbiddenError extends DomainError {
  readonly code = 'Forbidden';
}

export class NominationWindowClosedError extends DomainError {
  readonly code = 'NominationWindowClosed';
}

export class ConflictError extends DomainError {
  readonly code: string = 'Conflict';
}

export class DuplicateNominationError extends ConflictError {
  override readonly code = 'DuplicateNomination';
}

export class InvalidTransitionError extends ConflictError {
  override readonly code = 'InvalidTransition';
  constructor(
    message: string,
    readonly allowedActions: readonly string[],
  ) {
    super(message);
  }
}

export class VersionConflictError extends ConflictError {
  override readonly code = 'VersionConflict';
}

export class CapacityReachedError extends ConflictError {
  override readonly code = 'CapacityReached';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PayloadTooLarge';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UnsupportedMediaType';
}

/** A dependency (the database) is unreachable or throttling: the client may retry. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'ServiceUnavailable';
}
