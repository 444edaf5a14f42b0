/**
 * The Evaluation page's words and figures, from GET /programs/{id}/evaluation: pure, so the unit
 * tests read them without a browser.
 */
import type { EvaluationResults } from './contract.ts';

/** What `GET /programs/{programId}/evaluation` answers, and each question's results by its kind. */
export type { EvaluationResults };
export type EvaluationState = EvaluationResults['state'];
export type QuestionResult = EvaluationResults['questions'][number];
// Told apart by what each kind carries: the server's type does not narrow `kind` in each.
export type RatingResult = Extract<QuestionResult, { distribution: unknown }>;
export type RecommendResult = Extract<QuestionResult, { rate: unknown }>;
export type TextResult = Extract<QuestionResult, { texts: unknown }>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** A calendar day (YYYY-MM-DD) in words: "Wednesday 26 March 2025". */
export const dayWords = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`)).replace(',', '');

/** Where the evaluation stands: not open yet, open until its closing day, or closed. */
export const stateWords = (r: Pick<EvaluationResults, 'state' | 'closesOn'>) =>
  r.state === 'open'
    ? `Open: participants can answer and change their answers until the end of ${dayWords(r.closesOn)}.`
    : r.state === 'closed'
      ? `Closed at the end of ${dayWords(r.closesOn)}: these are the final answers.`
      : `Not open yet: it opens at the evaluation on the program’s timeline, and closes at the end of ${dayWords(r.closesOn)}.`;

/** "12 of 18 participants answered". */
export const respondedWords = (r: Pick<EvaluationResults, 'participants' | 'responded'>) =>
  `${r.responded} of ${plural(r.participants, 'participant', 'participants')} answered`;

/** A share as a whole percentage, as the headline shows it. */
export const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

/**
 * What a yes means, from the question: "Would you recommend the learning circle to a colleague?"
 * gives "would recommend the learning circle to a colleague".
 */
export const recommendPhrase = (text: string) => {
  const asked = /^would you (.+?)\??$/i.exec(text.trim());
  return asked?.[1] ? `would ${asked[1]}` : 'answered yes';
};

/**
 * The headline: "92% would recommend the learning circle to a colleague", and its counts
 * ("11 yes, 1 no"); undefined when the program asks no such question.
 */
export const recommendHeadline = (questions: readonly QuestionResult[]) => {
  const q = questions.find((x): x is RecommendResult => x.kind === 'recommend');
  if (!q) return undefined;
  const phrase = recommendPhrase(q.text);
  if (q.answered === 0) return { figure: undefined, phrase, counts: 'Nobody has answered this yet.' };
  return {
    figure: `${percent(q.yes, q.answered)}%`,
    phrase,
    counts: `${q.yes} yes, ${q.no} no, of ${plural(q.answered, 'answer', 'answers')}`,
  };
};

export const ratingLabels: Record<number, string> = {
  1: '1 – not at all',
  2: '2 – a little',
  3: '3 – somewhat',
  4: '4 – very',
  5: '5 – extremely',
};

/** A rating's rows, from 5 down to 1: each score in words, its count and its share of the answers. */
export const ratingRows = (q: RatingResult) =>
  [...q.distribution]
    .sort((a, b) => b.score - a.score)
    .map((d) => ({
      score: d.score,
      label: ratingLabels[d.score] ?? String(d.score),
      count: d.count,
      share: percent(d.count, q.answered),
    }));

/** "Average 4.25 out of 5, from 12 answers", or that there are none. */
export const averageWords = (q: RatingResult) =>
  q.average === null
    ? 'No answers yet.'
    : `Average ${q.average.toLocaleString('en-GB', { maximumFractionDigits: 2 })} out of 5, from ${plural(q.answered, 'answer', 'answers')}.`;

/** The answers to a text question, blank ones left out. */
export const textAnswers = (q: TextResult) => q.texts.map((t) => t.trim()).filter(Boolean);

/** The name the downloaded CSV is saved under, as the API names it. */
export const csvFileName = (programId: string) => `evaluation-${programId}.csv`;
