import type { EvaluationQuestion } from '../domain/evaluation.ts';
import { spreadsheetCsv } from './nominations-csv.ts';

/**
 * One row per response, numbered in the order they came: when given and last changed, then each
 * question's answer (ratings 1–5, yes or no, the text). No names: the evaluation is read for what
 * the cohort says, not who said it.
 */
export const evaluationCsv = (
  questions: readonly EvaluationQuestion[],
  responses: readonly { submittedAt: string; updatedAt: string; answers: Record<string, unknown> }[],
) =>
  spreadsheetCsv([
    ['response', 'submittedAt', 'updatedAt', ...questions.map((q) => q.id)],
    ...responses.map((r, i) => [i + 1, r.submittedAt, r.updatedAt, ...questions.map((q) => r.answers[q.id])]),
  ]);
