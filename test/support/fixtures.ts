import { randomUUID } from 'node:crypto';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import {
  type Nomination,
  type NominationInput,
  newNomination,
  nominationInputSchema,
} from '../../shared/domain/nomination.ts';

/** The sample submission, validated, as a stored nomination; `change` edits the input first. */
export const sampleNomination = (change: (input: NominationInput) => void = () => {}): Nomination => {
  const input = nominationInputSchema(metlib2024).parse(structuredClone(sample));
  change(input);
  return newNomination(input, { id: randomUUID(), programId: metlib2024.id, at: '2024-02-01T14:00:00.000Z' });
};
