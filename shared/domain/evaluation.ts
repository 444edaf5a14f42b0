/**
 * The hosted evaluation (docs/participants-year.md): questions from the program data, answered on
 * each participant's own page from the evaluation event until the end of its closing day.
 */
import type { Program } from './program.ts';
import type { evaluationQuestionSchema } from './program-schema.ts';
import { eventStart } from './schedule-plan.ts';
import { dayEndsAt } from './time.ts';
import type * as z from './zod.ts';

export type EvaluationQuestion = z.infer<typeof evaluationQuestionSchema>;
export type Answer = number | string | boolean;

export interface EvaluationResponse {
  nominationId: string;
  answers: Record<string, Answer>;
  submittedAt: string;
  updatedAt: string;
  version: number;
}

export const isRequired = (q: EvaluationQuestion) => q.required ?? q.kind !== 'text';

/** When answers are first taken: the evaluation event of the timeline. */
export const evaluationOpensAt = (program: Program): Date | undefined => {
  const event = program.timeline.find((e) => e.kind === 'evaluation');
  return event && !('month' in event.when) ? eventStart(program, event) : undefined;
};

/** The end of the closing day, in the program's zone. */
export const evaluationClosesAt = (program: Program): Date =>
  dayEndsAt(program.evaluation.closesOn, program.timeZone);

export type EvaluationState = 'not-yet-open' | 'open' | 'closed';

export const evaluationState = (program: Program, now: Date): EvaluationState => {
  const opens = evaluationOpensAt(program);
  if (!opens || now < opens) return 'not-yet-open';
  return now < evaluationClosesAt(program) ? 'open' : 'closed';
};

/** The answers as typed in the form (strings) or sent as JSON, checked against the questions. */
export const readAnswers = (
  questions: readonly EvaluationQuestion[],
  given: Record<string, unknown>,
): { answers: Record<string, Answer>; issues: { path: string; message: string }[] } => {
  const answers: Record<string, Answer> = {};
  const issues: { path: string; message: string }[] = [];
  for (const q of questions) {
    const raw = given[q.id];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (isRequired(q)) issues.push({ path: q.id, message: `Answer “${q.text}”` });
      continue;
    }
    if (q.kind === 'rating') {
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 1 || value > 5)
        issues.push({ path: q.id, message: `“${q.text}”: choose from 1 to 5` });
      else answers[q.id] = value;
    } else if (q.kind === 'recommend') {
      const value = raw === true || raw === 'yes' ? true : raw === false || raw === 'no' ? false : undefined;
      if (value === undefined) issues.push({ path: q.id, message: `“${q.text}”: answer yes or no` });
      else answers[q.id] = value;
    } else {
      const value = String(raw).trim();
      if (value.length > 4000) issues.push({ path: q.id, message: `“${q.text}”: 4,000 characters at most` });
      else if (/[^\P{Cc}\n\r\t]/u.test(value))
        issues.push({ path: q.id, message: `“${q.text}”: remove the control characters` });
      else answers[q.id] = value;
    }
  }
  const unknown = Object.keys(given).filter((key) => !questions.some((q) => q.id === key));
  for (const key of unknown)
    issues.push({ path: key, message: `"${key}" is not a question of the evaluation` });
  return { answers, issues };
};

/** Each question's answers counted: ratings by score, the recommendation's yes and no, the texts. */
export const evaluationResults = (
  questions: readonly EvaluationQuestion[],
  responses: readonly EvaluationResponse[],
) =>
  questions.map((q) => {
    const given = responses.map((r) => r.answers[q.id]).filter((a) => a !== undefined);
    if (q.kind === 'rating') {
      const scores = given.map(Number);
      const distribution = [1, 2, 3, 4, 5].map((score) => ({
        score,
        count: scores.filter((s) => s === score).length,
      }));
      const average = scores.length
        ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
        : null;
      return { ...q, answered: scores.length, distribution, average };
    }
    if (q.kind === 'recommend') {
      const yes = given.filter((a) => a === true).length;
      return {
        ...q,
        answered: given.length,
        yes,
        no: given.length - yes,
        rate: given.length ? Math.round((yes / given.length) * 1000) / 10 : null,
      };
    }
    return { ...q, answered: given.length, texts: given.map(String) };
  });
