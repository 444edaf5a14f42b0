import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { nominationItem } from '../../shared/adapters/dynamodb-nomination-items.ts';
import { outboxRef } from '../../shared/adapters/dynamodb-outbox-items.ts';
import { keys } from '../../shared/adapters/table-design.ts';
import {
  type Nomination,
  type NominationInput,
  newNomination,
  nominationInputSchema,
} from '../../shared/domain/nomination.ts';
import { acknowledgementEmail } from '../../shared/email/templates.ts';
import type { EmailQueue } from '../../shared/ports.ts';

/** The sample submission, validated, as a stored nomination; `change` edits the input first. */
export const sampleNomination = (change: (input: NominationInput) => void = () => {}): Nomination => {
  const input = nominationInputSchema(metlib2024).parse(structuredClone(sample));
  change(input);
  return newNomination(input, { id: randomUUID(), programId: metlib2024.id, at: '2024-02-01T14:00:00.000Z' });
};

/**
 * The sample nomination in a state, from its library as `library` changes it, with `more` on top;
 * a notified one was told it was selected unless `more` gives another decision.
 */
export const nominationAt = (
  status: Nomination['status'],
  library: Partial<Nomination['library']> = {},
  more: Partial<Nomination> = {},
): Nomination => ({
  ...sampleNomination((input) => Object.assign(input.library, library)),
  status,
  ...(status === 'notified' ? { decision: 'selected' } : {}),
  ...more,
});

/** Stores nominations as bare items of `tableName`, for tests that queue their emails directly. */
export const putNominations =
  (documents: DynamoDBDocumentClient, tableName: string) => async (people: Nomination[]) => {
    await Promise.all(
      people.map((n) => documents.send(new PutCommand({ TableName: tableName, Item: nominationItem(n) }))),
    );
  };

/**
 * Queues an acknowledgement for each of `count` sample nominations with their own candidate
 * address (`<tag>-…@library.example.org`), straight into the outbox, as of `when`; against a
 * real table, `fileNominations` (see `putNominations`) stores the nominations first.
 */
export const queueAcknowledgements = async (
  queue: EmailQueue,
  count: number,
  tag: string,
  when: Date,
  fileNominations: (people: Nomination[]) => Promise<void> = async () => {},
) => {
  const people = Array.from({ length: count }, () =>
    sampleNomination((n) => {
      n.candidate.email = `${tag}-${randomUUID().slice(0, 8)}@library.example.org`;
    }),
  );
  // The table queues an email filed with a nomination only while that nomination is stored.
  await fileNominations(people);
  await queue.enqueue(
    people.map((n) => ({
      programId: n.programId,
      nominationId: n.id,
      email: {
        key: 'acknowledgement',
        kind: 'acknowledgement' as const,
        ...acknowledgementEmail(metlib2024, n),
      },
    })),
    when,
  );
  return { people, refs: people.map((n) => outboxRef(keys.email(n.id, 'acknowledgement'))) };
};
