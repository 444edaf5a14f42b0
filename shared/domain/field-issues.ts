import { type FieldIssue, ValidationError } from './errors.ts';
import * as z from './zod.ts';

/** zod issues as the API's `issues`, for any schema: a dotted path a form can point at, and a sentence. */
export const toFieldIssues = (error: z.core.$ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: `Unknown field "${key}"` }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });

/**
 * `input` as `schema` reads it; otherwise a ValidationError (400) saying `message`, with an issue
 * per field that needs correcting. The one way a request's body, query or command is checked.
 */
export const parseOrRefuse = <S extends z.core.$ZodType>(schema: S, input: unknown, message: string) => {
  const parsed = z.safeParse(schema, input);
  if (!parsed.success) throw new ValidationError(message, toFieldIssues(parsed.error));
  return parsed.data as z.output<S>;
};
