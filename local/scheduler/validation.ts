import { isIanaTimeZone } from '#shared/domain/time-zones';
import { type Expression, parseExpression } from './expressions.ts';

/** An answer as AWS gives it: the status, the type the SDK turns into an exception, the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const validationError = (message: string) => new ApiError(400, 'ValidationException', message);
export const notFoundError = (message: string) => new ApiError(404, 'ResourceNotFoundException', message);
export const conflictError = (message: string) => new ApiError(409, 'ConflictException', message);
export const serializationError = (message: string) => new ApiError(400, 'SerializationException', message);

const namePattern = /^[0-9a-zA-Z\-_.]{1,64}$/;
const roleArnPattern = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const sqsArnPattern = /^arn:aws(-[a-z]+)*:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+(\.fifo)?$/;

export interface Target {
  Arn: string;
  RoleArn: string;
  Input?: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  [other: string]: unknown;
}

export type FlexibleTimeWindow = { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };

export const assertGroupName = (name: string) => {
  if (!namePattern.test(name)) throw validationError(`Schedule group name ${name} is invalid.`);
};

/** Checks a CreateSchedule or UpdateSchedule request as AWS does; returns its parsed expression. */
export const validateSchedule = (name: string, body: Record<string, unknown>): Expression => {
  if (!namePattern.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+`,
    );
  }
  const text = body.ScheduleExpression;
  if (typeof text !== 'string' || text.length === 0) throw validationError('ScheduleExpression is required.');
  const zone = body.ScheduleExpressionTimezone;
  if (zone !== undefined && (typeof zone !== 'string' || !isIanaTimeZone(zone))) {
    throw validationError(`Invalid timezone provided: ${String(zone)}.`);
  }
  const expression = parseExpression(text);
  if (!expression) throw validationError(`Invalid Schedule Expression ${text}.`);
  validateWindow(body.FlexibleTimeWindow as FlexibleTimeWindow | undefined);
  validateTarget(body.Target as Target | undefined);
  if (body.State !== undefined && body.State !== 'ENABLED' && body.State !== 'DISABLED') {
    throw validationError('State must be ENABLED or DISABLED.');
  }
  if (
    body.ActionAfterCompletion !== undefined &&
    body.ActionAfterCompletion !== 'NONE' &&
    body.ActionAfterCompletion !== 'DELETE'
  ) {
    throw validationError('ActionAfterCompletion must be NONE or DELETE.');
  }
  if (typeof body.Description === 'string' && body.Description.length > 512) {
    throw validationError('Description must be at most 512 characters.');
  }
  return expression;
};

const validateWindow = (window: FlexibleTimeWindow | undefined) => {
  if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE')) {
    throw validationError('FlexibleTimeWindow with Mode OFF or FLEXIBLE is required.');
  }
  if (window.Mode === 'FLEXIBLE') {
    const max = window.MaximumWindowInMinutes;
    if (typeof max !== 'number' || max < 1 || max > 1440) {
      throw validationError('MaximumWindowInMinutes must be between 1 and 1440 when Mode is FLEXIBLE.');
    }
  } else if (window.MaximumWindowInMinutes !== undefined) {
    throw validationError('MaximumWindowInMinutes is only allowed when Mode is FLEXIBLE.');
  }
};

const validateTarget = (target: Target | undefined) => {
  if (!target || typeof target.Arn !== 'string' || target.Arn.length === 0) {
    throw validationError('Target.Arn is required.');
  }
  if (typeof target.RoleArn !== 'string' || !roleArnPattern.test(target.RoleArn)) {
    throw validationError(`Invalid RoleArn provided: ${String(target.RoleArn)}.`);
  }
  if (
    target.Input !== undefined &&
    (typeof target.Input !== 'string' || target.Input.length < 1 || target.Input.length > 8192)
  ) {
    throw validationError('Target.Input must be a string of 1 to 8192 characters.');
  }
  const retry = target.RetryPolicy;
  if (
    retry?.MaximumRetryAttempts !== undefined &&
    (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)
  ) {
    throw validationError('MaximumRetryAttempts must be between 0 and 185.');
  }
  if (
    retry?.MaximumEventAgeInSeconds !== undefined &&
    (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86400)
  ) {
    throw validationError('MaximumEventAgeInSeconds must be between 60 and 86400.');
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !sqsArnPattern.test(dlq)) {
    throw validationError(`Invalid DeadLetterConfig Arn provided: ${dlq}.`);
  }
};
