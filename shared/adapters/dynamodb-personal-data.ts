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
import { expiryAttribute } from '../domain/retention.ts';
import type { FormerRecord, PersonalDataStore, PersonalRecord, PrivacyAudit } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { eraseFormer, findFormer } from './dynamodb-former-addresses.ts';
import { type Item, queryPartition } from './dynamodb-reads.ts';
import { keys } from './table-design.ts';

type Key = { pk: string; sk: string };

const service = 'The personal data store';
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
export const itemsOfNomination = async (client: DynamoDBDocumentClient, tableName: string, n: Nomination) => {
  // Their keys, kinds and lifetimes only: an email's body is what weighs, and nothing here reads it.
  const partition = await queryPartition(client, tableName, service, {
    pk: keys.nomination(n.id).pk,
    projection: 'pk, sk, #type, addressHash, #ttl',
    names: { '#type': 'type', '#ttl': expiryAttribute },
  });
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
