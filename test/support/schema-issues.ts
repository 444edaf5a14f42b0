import { toFieldIssues } from '../../shared/domain/field-issues.ts';
import type * as z from '../../shared/domain/zod.ts';

/** What the API would answer a body with: the field issues, none when the schema accepts it. */
export const issuesOf = (schema: z.ZodMiniType, body: unknown) => {
  const result = schema.safeParse(body);
  return result.success ? [] : toFieldIssues(result.error);
};

/** The fields a body is refused at, as a form points at them. */
export const refusedFields = (schema: z.ZodMiniType, body: unknown) =>
  issuesOf(schema, body).map((issue) => issue.path);
