import { nominationActions } from './nomination-states.ts';
import { subRegionByCode } from './regions.ts';
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

const expectedVersion = z.optional(
  z.int({ error: 'expectedVersion must be a whole number' }).check(z.positive()),
);

/** A place on the reserve list: 1 is offered a place first. */
export const reserveRank = z
  .int({ error: 'rank must be a whole number from 1 to 999' })
  .check(
    z.minimum(1, { error: 'rank must be a whole number from 1 to 999' }),
    z.maximum(999, { error: 'rank must be a whole number from 1 to 999' }),
  );

export const transitionCommandSchema = z
  .strictObject({
    action: z.enum(nominationActions, { error: `action must be one of: ${nominationActions.join(', ')}` }),
    note: staffNote,
    score: z.optional(
      z.int({ error: 'score must be a whole number from 1 to 5' }).check(z.minimum(1), z.maximum(5)),
    ),
    expectedVersion,
    rank: z.optional(reserveRank),
  })
  .check(
    z.refine((c) => c.score === undefined || c.action === 'review', {
      path: ['score'],
      error: 'score is given only with the review action',
    }),
    // A review without a score would count as reviewed and lift the reviewer's blindness for
    // nothing: whoever reviews commits to a score first (a note alone is not a review).
    z.refine((c) => c.action !== 'review' || c.score !== undefined, {
      path: ['score'],
      error: 'A review needs a score from 1 to 5',
    }),
    z.refine((c) => c.rank === undefined || c.action === 'reserve', {
      path: ['rank'],
      error: 'rank is given only with the reserve action',
    }),
  );

export type TransitionCommand = z.infer<typeof transitionCommandSchema>;

/** `POST /nominations/{id}/conflicts`: why the caller cannot judge the nomination fairly. */
export const conflictDeclarationSchema = z.strictObject({ note: staffNote });

export const stipendAwards = ['awarded', 'declined', 'not-awarded'] as const;
export type StipendAward = (typeof stipendAwards)[number];

/** `PUT /nominations/{id}/stipend`: an organizer's decision on a participant's travel stipend. */
export const stipendCommandSchema = z.strictObject({
  award: z.enum(stipendAwards, { error: `award must be one of: ${stipendAwards.join(', ')}` }),
  note: staffNote,
  expectedVersion,
});

export type StipendCommand = z.infer<typeof stipendCommandSchema>;

/**
 * `PUT /nominations/{id}/classification`: organizers correct the region (a UN M49 sub-region code)
 * or the Global South status the country implies; null goes back to what the country implies.
 */
export const classificationCommandSchema = z
  .strictObject({
    subRegion: z.optional(
      z.nullable(
        z.string({ error: 'subRegion is a UN M49 sub-region code such as "202", or null' }).check(
          z.refine((code) => subRegionByCode(code) !== null, {
            error: 'subRegion is not a UN M49 sub-region code; see GET /regions for the codes',
          }),
        ),
      ),
    ),
    globalSouth: z.optional(z.nullable(z.boolean({ error: 'globalSouth is true, false or null' }))),
    note: staffNote,
    expectedVersion,
  })
  .check(
    z.refine((c) => c.subRegion !== undefined || c.globalSouth !== undefined, {
      error: 'Give subRegion or globalSouth (null to use what the country implies)',
    }),
  );

export type ClassificationCommand = z.infer<typeof classificationCommandSchema>;
