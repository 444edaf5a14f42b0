/**
 * Every failure a client can cause has a class here, carrying its HTTP status, so the one mapping
 * in shared/http/error-response.ts cannot miss a class. Anything else is our fault and becomes a
 * 500 without details.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

/** A domain error that is its code and status and nothing more: a line each below. */
const refusal = <Code extends string>(code: Code, status: number) =>
  class extends DomainError {
    readonly code = code;
    readonly status = status;
  };

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

export class NotFoundError extends refusal('NotFound', 404) {}

export class ForbiddenError extends refusal('Forbidden', 403) {}

export class NominationWindowClosedError extends refusal('NominationWindowClosed', 403) {}

/** A form sent to a public route from another site's page (docs/intake.md#cross-site-forms). */
export class CrossSiteRequestError extends refusal('CrossSiteRequest', 403) {}

export class ConflictError extends DomainError {
  readonly code: string = 'Conflict';
  readonly status = 409;
}

/** A 409 that is its code and nothing more. */
const conflict = <Code extends string>(code: Code) =>
  class extends ConflictError {
    override readonly code: string = code;
  };

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

export class VersionConflictError extends conflict('VersionConflict') {}

/** The caller declared a conflict of interest with the nomination, or cannot now declare one. */
export class ConflictOfInterestError extends conflict('ConflictOfInterest') {}

export class CapacityReachedError extends conflict('CapacityReached') {}

export class StipendsExhaustedError extends conflict('StipendsExhausted') {}

/** Another reserve holds the rank asked for. */
export class RankTakenError extends conflict('RankTaken') {}

/** The stipend cannot be decided as asked: not a participant, or not eligible. */
export class StipendNotAllowedError extends conflict('StipendNotAllowed') {}

export class PayloadTooLargeError extends refusal('PayloadTooLarge', 413) {}

export class UnsupportedMediaTypeError extends refusal('UnsupportedMediaType', 415) {}

/** A dependency (the database, the mail service, the scheduler) is unreachable or throttling: the client may retry. */
export class ServiceUnavailableError extends refusal('ServiceUnavailable', 503) {}

/** A nominator's link that was never issued by us, or was altered: it names nothing. */
export class InvalidLinkError extends refusal('InvalidLink', 404) {}

/** A nominator's link past its time: a confirmation after 48 hours, a manage link after its year. */
export class ExpiredLinkError extends refusal('ExpiredLink', 410) {}

/** A limit on submissions: per nominator address a day, or per source address an hour. */
export class TooManySubmissionsError extends refusal('TooManySubmissions', 429) {}

/** A request that did not come through the site's CloudFront distribution, where one stands in front. */
export class NotThroughEdgeError extends refusal('NotThroughEdge', 403) {}
