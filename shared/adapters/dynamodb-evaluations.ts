import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { VersionConflictError } from '../domain/errors.ts';
import type { EvaluationResponse } from '../domain/evaluation.ts';
import type { EvaluationStore } from '../ports.ts';
import { callAws } from './aws-errors.ts';
import { keys } from './table-design.ts';

const service = 'The evaluation store';

/** Each participant's answers in their nomination's partition, versioned. */
export class DynamoDbEvaluations implements EvaluationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(nominationId: string): Promise<EvaluationResponse | undefined> {
    const { Item } = await callAws(service, () =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.evaluation(nominationId),
          ConsistentRead: true,
        }),
      ),
    );
    if (!Item) return undefined;
    const { nominationId: id, answers, submittedAt, updatedAt, version } = Item;
    return { nominationId: id, answers, submittedAt, updatedAt, version } as EvaluationResponse;
  }

  async save(response: Omit<EvaluationResponse, 'version'>, expectedVersion: number): Promise<number> {
    const version = expectedVersion + 1;
    try {
      await callAws(service, () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...keys.evaluation(response.nominationId), type: 'evaluation', ...response, version },
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
            ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
          }),
        ),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new VersionConflictError(
          'Your answers were changed in another window; here they are as saved now',
        );
      }
      throw error;
    }
    return version;
  }
}
