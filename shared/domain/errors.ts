/**
 * Every failure a client can cause has a class here, carrying its HTTP status, so the one mapping
 * in shared/http/error-response.ts cannot miss a class. Anything else is our fault and becomes a
 * 500 without details.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'ValidationError';
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NotFound';
  readonly status = 404;
}

export class ForbiddenError extends DomainError {
  readonly code = 'Forbidden';
  readonly status = 403;
}

export class NominationWindowClosedError extends DomainError {
  readonly code = 'NominationWindowClosed';
  readonly status = 403;
}

export class ConflictError extends DomainError {
  readonly code: string = 'Conflict';
  readonly status = 409;
}

export class DuplicateNominationError extends ConflictError {
  override readonly code = 'DuplicateNomination';
  /** The nomination that holds the candidate's address, where the store knows it. */
  holder?: string;
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

/** The caller declared a conflict of interest with the nomination, or cannot now declare one. */
export class ConflictOfInterestError extends ConflictError {
  override readonly code = 'ConflictOfInterest';
}

export class CapacityReachedError extends ConflictError {
  override readonly code = 'CapacityReached';
}

export class StipendsExhaustedError extends ConflictError {
  override readonly code = 'StipendsExhausted';
}

/** Another reserve holds the rank asked for. */
export class RankTakenError extends ConflictError {
  override readonly code = 'RankTaken';
}

/** The stipend cannot be decided as asked: not a participant, or not eligible. */
export class StipendNotAllowedError extends ConflictError {
  override readonly code = 'StipendNotAllowed';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PayloadTooLarge';
  readonly status = 413;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UnsupportedMediaType';
  readonly status = 415;
}

/** A dependency (the database, the mail service, the scheduler) is unreachable or throttling: the client may retry. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'ServiceUnavailable';
  readonly status = 503;
}

/** A nominator's link that was never issued by us, or was altered: it names nothing. */
export class InvalidLinkError extends DomainError {
  readonly code = 'InvalidLink';
  readonly status = 404;
}

/** A nominator's link past its time: a confirmation after 48 hours, a manage link after its year. */
export class ExpiredLinkError extends DomainError {
  readonly code = 'ExpiredLink';
  readonly status = 410;
}

/** A limit on submissions: per nominator address a day, or per source address an hour. */
export class TooManySubmissionsError extends DomainError {
  readonly code = 'TooManySubmissions';
  readonly status = 429;
}
