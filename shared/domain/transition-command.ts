import { z } from 'zod';
import { nominationActions } from './nomination-states.ts';

export const transitionCommandSchema = z
  .strictObject({
    action: z.enum(nominationActions, { error: `action must be one of: ${nominationActions.join(', ')}` }),
    note: z
      .string()
      .trim()
      .max(2000, { error: 'note must be 2000 characters or fewer' })
      .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, { error: 'note must not contain control characters' })
      .optional(),
    score: z.int({ error: 'score must be a whole number from 1 to 5' }).min(1).max(5).optional(),
    expectedVersion: z.int({ error: 'expectedVersion must be a whole number' }).positive().optional(),
  })
  .refine((c) => c.score === undefined || c.action === 'review', {
    path: ['score'],
    error: 'score is given only with the review action',
  });

export type TransitionCommand = z.infer<typeof transitionCommandSchema>;
