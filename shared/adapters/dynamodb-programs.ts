import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../domain/errors.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import type { ProgramRepository, StoredProgram, TimelineChange } from '../ports.ts';
import { withTransientMapping } from './aws-errors.ts';
import { keys } from './table-design.ts';

/**
 * Programs are defined in code (events/programs); what organizers change — the timeline — is
 * stored beside them in the table and wins over the definition's.
 */
export class DynamoDbProgramRepository implements ProgramRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly definitions: ReadonlyMap<string, Program>,
  ) {}

  async get(programId: string): Promise<StoredProgram | undefined> {
    const definition = this.definitions.get(programId);
    if (!definition) return undefined;
    const { Item } = await withTransientMapping('The program store', () =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: keys.timeline(programId), ConsistentRead: true }),
      ),
    );
    if (!Item) return { program: definition, timelineVersion: 0 };
    return {
      program: { ...definition, timeline: Item.timeline as TimelineEvent[] },
      timelineVersion: Item.version as number,
    };
  }

  async saveTimeline(change: TimelineChange): Promise<number> {
    const version = change.expectedVersion + 1;
    try {
      await withTransientMapping('The program store', () =>
        this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...keys.timeline(change.programId),
                    type: 'timeline',
                    timeline: change.timeline,
                    version,
                    updatedAt: change.at,
                    updatedBy: change.actor,
                  },
                  ConditionExpression:
                    change.expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
                  ...(change.expectedVersion === 0
                    ? {}
                    : { ExpressionAttributeValues: { ':expected': change.expectedVersion } }),
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    ...keys.programAudit(change.programId, version),
                    type: 'program-audit',
                    at: change.at,
                    actor: change.actor,
                    action: 'change-timeline',
                    version,
                    timeline: change.timeline,
                    ...(change.note ? { note: change.note } : {}),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        ),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new VersionConflictError(
          `The timeline was changed by someone else since version ${change.expectedVersion}; reload it and try again`,
        );
      }
      throw error;
    }
    return version;
  }
}

/** Keeps each program for `ttlMs` in this process: request paths read it on every call. */
export const cachedPrograms = (
  inner: ProgramRepository,
  ttlMs: number,
  now = () => Date.now(),
): ProgramRepository => {
  const cache = new Map<string, { at: number; value: StoredProgram | undefined }>();
  return {
    get: async (programId) => {
      const hit = cache.get(programId);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = await inner.get(programId);
      cache.set(programId, { at: now(), value });
      return value;
    },
    saveTimeline: async (change) => {
      cache.delete(change.programId);
      return inner.saveTimeline(change);
    },
  };
};
