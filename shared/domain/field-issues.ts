import type { FieldIssue } from './errors.ts';
import type * as z from './zod.ts';

/** zod issues as the API's `issues`, for any schema: a dotted path a form can point at, and a sentence. */
export const toFieldIssues = (error: z.core.$ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: `Unknown field "${key}"` }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });
