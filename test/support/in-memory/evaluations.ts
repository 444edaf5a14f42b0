import { VersionConflictError } from '#shared/domain/errors';
import type { EvaluationResponse } from '#shared/domain/evaluation';
import type { EvaluationStore } from '#shared/ports';

/** DynamoDbEvaluations without the table: one response per nomination, saved at its version. */
export class InMemoryEvaluations implements EvaluationStore {
  private readonly responses = new Map<string, EvaluationResponse>();

  async get(nominationId: string) {
    return structuredClone(this.responses.get(nominationId));
  }

  async save(response: Omit<EvaluationResponse, 'version'>, expectedVersion: number) {
    if ((this.responses.get(response.nominationId)?.version ?? 0) !== expectedVersion) {
      throw new VersionConflictError(
        'Your answers were changed in another window; here they are as saved now',
      );
    }
    this.responses.set(response.nominationId, { ...structuredClone(response), version: expectedVersion + 1 });
    return expectedVersion + 1;
  }
}
