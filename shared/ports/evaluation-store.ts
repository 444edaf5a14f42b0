import type { EvaluationResponse } from '../domain/evaluation.ts';

/** A participant's answers to the evaluation, one response each, changed at its version. */
export interface EvaluationStore {
  get(nominationId: string): Promise<EvaluationResponse | undefined>;
  /** Saves the response if still at `expectedVersion` (0: none yet), else VersionConflictError; gives the new version. */
  save(response: Omit<EvaluationResponse, 'version'>, expectedVersion: number): Promise<number>;
}
