// Addresses a correction replaced: the nomination stands (it names someone else now), but its
// history and its emails' records still quote the old address. Export finds what quotes it;
// erasure replaces it there, with the name replaced together with it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { erasedMark, namesReplacedWith, replaceEverywhere } from '../domain/erasure.ts';
import { candidateKey, type Nomination } from '../domain/nomination.ts';
import type { FormerRecord } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { type Item, queryPartition } from './dynamodb-reads.ts';
import { keys } from './table-design.ts';

const service = 'The personal data store';
/** What an export shows instead of the people a nomination names now. */
const withheld = '[withheld]';
const internal = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'unsentPk', 'unsentSk', 'claim', 'leaseUntil']);
const strip = (item: Item) => Object.fromEntries(Object.entries(item).filter(([k]) => !internal.has(k)));
const quotes = (item: Item, address: string) => JSON.stringify(item).toLowerCase().includes(address);

interface FormerPartition {
  nomination: Nomination;
  partition: Item[];
}

/** The nominations `address` was in until a correction replaced it, with their partitions. */
const formerPartitions = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  address: string,
  hash: string,
): Promise<FormerPartition[]> => {
  const pointers = await queryPartition(client, tableName, service, { pk: keys.personPartition(hash) });
  const found: FormerPartition[] = [];
  for (const pointer of pointers.filter((p) => p.type === 'former-address')) {
    const pk = keys.nomination(String(pointer.nominationId)).pk;
    const partition = await queryPartition(client, tableName, service, { pk });
    const nomination = partition.find((i) => i.type === 'nomination') as Nomination | undefined;
    // Its address again (a correction undone): found as a current one.
    if (!nomination) continue;
    const current = [nomination.candidate.email, nomination.nominator.email].map(candidateKey);
    if (current.includes(address)) continue;
    found.push({ nomination, partition });
  }
  return found;
};

const peopleNow = (n: Nomination) => [
  n.candidate.email,
  n.candidate.name,
  n.nominator.email,
  n.nominator.name,
];

export const findFormer = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  email: string,
  hash: string,
): Promise<FormerRecord[]> => {
  const address = candidateKey(email);
  return (await formerPartitions(client, tableName, address, hash)).map(({ nomination, partition }) => {
    const quoting = (type: string) =>
      partition
        .filter((i) => i.type === type && quotes(i, address))
        .map((i) => replaceEverywhere(strip(i), peopleNow(nomination), withheld).value as Item);
    return {
      nominationId: nomination.id,
      programId: nomination.programId,
      history: quoting('audit'),
      emails: quoting('email'),
    };
  });
};

/**
 * Erases `email`, and the names replaced with it, from every item of the nominations it was in
 * before a correction, and deletes its former-address items and its complaint record. The
 * nomination item is written back only at the version read (read again if it moved on); the
 * others as read, so a concurrent change of an email's record between the read and the write is
 * the one window in which it could be lost. Says how many items changed or went.
 */
export const eraseFormer = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  email: string,
  hash: string,
): Promise<number> => {
  const address = candidateKey(email);
  let count = 0;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      for (const { nomination, partition } of await formerPartitions(client, tableName, address, hash)) {
        const secrets = [
          address,
          ...namesReplacedWith(
            partition.filter((i) => i.type === 'audit'),
            address,
          ),
        ];
        for (const item of partition) {
          const { value, changed } = replaceEverywhere(item, secrets, erasedMark);
          if (!changed) continue;
          const isNomination = item.type === 'nomination';
          await callAws(service, () =>
            client.send(
              new PutCommand({
                TableName: tableName,
                Item: { ...(value as Item), pk: item.pk, sk: item.sk },
                ConditionExpression: isNomination ? 'version = :v' : 'attribute_exists(pk)',
                ...(isNomination ? { ExpressionAttributeValues: { ':v': item.version } } : {}),
              }),
            ),
          );
          count += 1;
        }
        for (const Key of [keys.person(hash, nomination.id), keys.formerAddress(nomination.id, hash)]) {
          await callAws(service, () => client.send(new DeleteCommand({ TableName: tableName, Key })));
          count += 1;
        }
      }
      return count;
    } catch (error) {
      // The nomination changed as it was read: read it again and erase what is left.
      if (!(error instanceof ConditionalCheckFailedException) || attempt === 3) throw error;
    }
  }
  return count;
};
