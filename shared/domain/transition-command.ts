import { nominationActions } from './nomination-states.ts';
import * as z from './zod.ts';

/** A staff member's note on a change: a transition, a declaration, a correction. */
export const staffNote = z.optional(
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(2000, { error: 'note must be 2000 characters or fewer' }),
      z.regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, { error: 'note must not contain control characters' }),
    ),
);

export const transitionCommandSchema = z
  .strictObject({
    action: z.enum(nominationActions, { error: `action must be one of: ${nominationActions.join(', ')}` }),
    note: staffNote,
    score: z.optional(
      z.int({ error: 'score must be a whole number from 1 to 5' }).check(z.minimum(1), z.maximum(5)),
    ),
    expectedVersion: z.optional(
      z.int({ error: 'expectedVersion must be a whole number' }).check(z.positive()),
    ),
  })
  .check(
    z.refine((c) => c.score === undefined || c.action === 'review', {
      path: ['score'],
      error: 'score is given only with the review action',
    }),
  );

export type TransitionCommand = z.infer<typeof transitionCommandSchema>;

/** `POST /nominations/{id}/conflicts`: why the caller cannot judge the nomination fairly. */
export const conflictDeclarationSchema = z.strictObject({ note: staffNote });
