import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { holdsStipend } from '../domain/cohort.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import { holdsPlace } from '../domain/nomination-states.ts';
import { anonymousOutcome, expiryAttribute } from '../domain/retention.ts';
import type { FormerRecord, PersonalDataStore, PersonalRecord, PrivacyAudit } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { eraseFormer, findFormer } from './dynamodb-former-addresses.ts';
import { type Item, queryPartition } from './dynamodb-reads.ts';
import { maxTransactionItems, TableTransaction, TransactionCancelled } from './dynamodb-transaction.ts';
import { keys } from './table-design.ts';

type Key = { pk: string; sk: string };

const service = 'The personal data store';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash an address item is keyed by: the same for any case or surrounding space. */
export const addressHash = (email: string) => sha256(candidateKey(email));

/** The candidate's and the nominator's addresses, once each. */
export const addressesOf = (n: Pick<Nomination, 'candidate' | 'nominator'>) => [
  ...new Set([candidateKey(n.candidate.email), candidateKey(n.nominator.email)]),
];

/** The item saying that `email` is in nomination `id`, with the nomination's TTL if it has one. */
export const addressItem = (email: string, nomination: Pick<Nomination, 'id' | 'expiresAt'>) => ({
  ...keys.person(addressHash(email), nomination.id),
  type: 'address',
  nominationId: nomination.id,
  ...(nomination.expiresAt ? { [expiryAttribute]: nomination.expiresAt } : {}),
});

/** Every item that holds something of a nomination: its partition, its guard, its address items. */
const itemsOfNomination = async (client: DynamoDBDocumentClient, tableName: string, n: Nomination) => {
  const partition = await queryPartition(client, tableName, service, { pk: keys.nomination(n.id).pk });
  const others: Key[] = [
    keys.guard(n.programId, candidateKey(n.candidate.email)),
    ...addressesOf(n).map((a) => keys.person(addressHash(a), n.id)),
    // The addresses corrections replaced, found by their markers in the partition.
    ...partition
      .filter((i) => i.type === 'former-address')
      .map((i) => keys.person(String(i.addressHash), n.id)),
  ];
  return { partition, others };
};

/**
 * Sets the TTL of every item of a nomination (the partition, the duplicate guard, the address
 * items) to `expiresAt`, or takes it off when undefined. Items already so are left alone, and
 * the guard only while it is still this nomination's: running it again changes nothing.
 */
const updateExpiry = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  nomination: Nomination,
  expiresAt: number | undefined,
): Promise<void> => {
  const { partition, others } = await itemsOfNomination(client, tableName, nomination);
  const targets: Key[] = [
    ...partition
      .filter((i) => i[expiryAttribute] !== expiresAt)
      .map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    ...others,
  ];
  const update = (Key: Key) => ({
    Key,
    // The guard may have moved on to a later nomination of the same candidate.
    ConditionExpression:
      'attribute_exists(pk) AND (attribute_not_exists(nominationId) OR nominationId = :id)',
    UpdateExpression: expiresAt === undefined ? 'REMOVE #ttl' : 'SET #ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': expiryAttribute },
    ExpressionAttributeValues: {
      ':id': nomination.id,
      ...(expiresAt === undefined ? {} : { ':ttl': expiresAt }),
    },
  });
  const name = (Key: Key) => `${Key.pk} ${Key.sk}`;
  // A decision day stamps thousands of nominations: a dozen items each in one request, not a
  // dozen. An item gone or another's cancels the whole, and those left are then updated one by one.
  let oneByOne: Key[] = [];
  for (let i = 0; i < targets.length; i += maxTransactionItems) {
    const chunk = targets.slice(i, i + maxTransactionItems);
    const transaction = new TableTransaction(client, tableName);
    for (const Key of chunk) transaction.update(name(Key), update(Key));
    try {
      await transaction.commit();
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      oneByOne = [
        ...oneByOne,
        ...chunk.filter((Key) => error.reason(name(Key)) !== 'ConditionalCheckFailed'),
      ];
    }
  }
  for (const Key of oneByOne) {
    try {
      await callAws(service, () => client.send(new UpdateCommand({ TableName: tableName, ...update(Key) })));
    } catch (error) {
      // Gone, or another nomination's: nothing to change.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
};

/**
 * Takes the TTL off every item of a nomination that inherited it while the nomination was
 * unconfirmed (its audit entry, its confirmation email, its address items): run after the
 * confirmation's write.
 */
export const clearExpiry = (client: DynamoDBDocumentClient, tableName: string, nomination: Nomination) =>
  updateExpiry(client, tableName, nomination, undefined);

/**
 * Gives every item of a nomination the TTL `expiresAt` and leaves its anonymous outcome for the
 * statistics. Run after the write that set the nomination's own TTL; running it again changes
 * nothing.
 */
export const stampExpiry = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  nomination: Nomination,
  expiresAt: number,
): Promise<void> => {
  await updateExpiry(client, tableName, nomination, expiresAt);
  // Keyed by a hash of the id, so a later outcome (a participant who withdraws) replaces it.
  await callAws(service, () =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.outcome(nomination.programId, sha256(nomination.id)),
          type: 'outcome',
          ...anonymousOutcome(nomination),
        },
      }),
    ),
  );
};

const internal = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'unsentPk', 'unsentSk', 'claim', 'leaseUntil']);
const strip = (item: Item) => Object.fromEntries(Object.entries(item).filter(([k]) => !internal.has(k)));

/** Export and erasure by address, through the address items: no Scan. */
export class DynamoDbPersonalData implements PersonalDataStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(email: string): Promise<PersonalRecord[]> {
    const address = candidateKey(email);
    const pointers = await this.partition(keys.personPartition(addressHash(address)));
    const records: PersonalRecord[] = [];
    for (const pointer of pointers) {
      const partition = await this.partition(keys.nomination(String(pointer.nominationId)).pk);
      const nomination = partition.find((i) => i.type === 'nomination') as Nomination | undefined;
      if (!nomination) continue;
      const roles = (['candidate', 'nominator'] as const).filter(
        (role) => candidateKey(nomination[role].email) === address,
      );
      // A former address of this nomination: see findFormer.
      if (roles.length === 0) continue;
      const ofType = (type: string) => partition.filter((i) => i.type === type).map(strip);
      records.push({
        roles,
        nomination: strip(nomination as unknown as Item) as unknown as Nomination,
        history: ofType('audit'),
        reviews: ofType('review'),
        emails: ofType('email'),
      });
    }
    return records;
  }

  findFormer(email: string): Promise<FormerRecord[]> {
    return findFormer(this.client, this.tableName, email, addressHash(email));
  }

  private partition(pk: string) {
    return queryPartition(this.client, this.tableName, service, { pk });
  }

  /** One less taken on a program's counter (places, stipends), if it has one. */
  private async giveBack(Key: Key) {
    await callAws(service, () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          ConditionExpression: 'attribute_exists(pk)',
          UpdateExpression: 'ADD taken :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        }),
      ),
    ).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  async erase(
    email: string,
    { records, former }: { records: PersonalRecord[]; former: FormerRecord[] },
    audit: PrivacyAudit,
  ): Promise<number> {
    let erased = former.length
      ? await eraseFormer(this.client, this.tableName, email, addressHash(email))
      : 0;
    // A complaint recorded against the address goes with it, whatever nominations hold it now.
    erased += await this.deleteComplaint(email);
    for (const { nomination } of records) {
      const { partition, others } = await itemsOfNomination(this.client, this.tableName, nomination);
      const [guard, ...addressItems] = others;
      const targets: Key[] = [
        ...partition.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
        ...addressItems,
      ];
      // Counted only if it was this nomination's: a withdrawn one gave it back already.
      const guardErased = guard ? await this.deleteIfHeld(guard, nomination.id) : false;
      // A participant erased gives their place (and stipend) back, or the program would stay
      // full for ever; a reserve gives its rank back.
      if (holdsPlace(nomination)) await this.giveBack(keys.places(nomination.programId));
      if (holdsStipend(nomination)) await this.giveBack(keys.stipends(nomination.programId));
      if (nomination.reserveRank !== undefined) {
        await this.deleteIfHeld(
          keys.reserveRank(nomination.programId, nomination.reserveRank),
          nomination.id,
        );
      }
      for (let i = 0; i < targets.length; i += 25) {
        const batch = targets.slice(i, i + 25);
        let pending: Record<string, unknown>[] | undefined = batch.map((Key) => ({ DeleteRequest: { Key } }));
        while (pending?.length) {
          const requests = pending;
          const result = await callAws(service, () =>
            this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } })),
          );
          pending = result.UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
        }
      }
      erased += partition.length + addressItems.length + (guardErased ? 1 : 0);
      // A complaint recorded against either address goes with the person's data.
      for (const address of addressesOf(nomination)) erased += await this.deleteComplaint(address);
    }
    await this.record({ ...audit, items: erased });
    return erased;
  }

  /** The complaint record of an address, if there is one: 1 if it went. */
  private async deleteComplaint(address: string): Promise<number> {
    const { Attributes } = await callAws(service, () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.complaint(addressHash(address)),
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    return Attributes ? 1 : 0;
  }

  /** Deletes an item that names the nomination holding it (a guard, a reserve rank), if it still does. */
  private async deleteIfHeld(Key: Key, nominationId: string): Promise<boolean> {
    return callAws(service, () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key,
          ConditionExpression: 'nominationId = :id',
          ExpressionAttributeValues: { ':id': nominationId },
        }),
      ),
    ).then(
      () => true,
      (error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return false;
      },
    );
  }

  async record(audit: PrivacyAudit): Promise<void> {
    await callAws(service, () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.privacyAudit(audit.at, randomUUID()), type: 'privacy-audit', ...audit },
        }),
      ),
    );
  }
}
