/**
 * The evaluation's questions on the Program settings page, kept apart from the components so it
 * is tested without a browser: the questions as the form edits them, the questions a save sends,
 * a new question's id, the API's issue paths as the form's fields, and a change in words.
 */
import type { EvaluationQuestion, EvaluationState } from '#shared/domain/evaluation';

/** Where the evaluation stands, by the service's clock, as `GET …/settings` says. */
export type { EvaluationQuestion, EvaluationState };
export type QuestionKind = EvaluationQuestion['kind'];

/** The kinds of answer, in the words the form offers them. */
export const kindLabels: Record<QuestionKind, string> = {
  rating: 'Rating from 1 to 5',
  text: 'Free text',
  recommend: 'Would you recommend the program to a colleague? (yes or no)',
};

/**
 * A question as the form holds it: `key` names it in the page for as long as the page is open
 * (its list position changes as it moves); `id` is its stored id, none until it is first saved.
 */
export interface QuestionDraft {
  key: string;
  id?: string;
  kind: QuestionKind;
  text: string;
  required: boolean;
}

/** Ratings and the recommendation must be answered unless the question says otherwise; texts need not be. */
const byDefault = (kind: QuestionKind) => kind !== 'text';

/** The questions read, as the form shows them. */
export const questionDrafts = (questions: readonly EvaluationQuestion[]): QuestionDraft[] =>
  questions.map((q) => ({
    key: q.id,
    id: q.id,
    kind: q.kind,
    text: q.text,
    required: q.required ?? byDefault(q.kind),
  }));

let drafted = 0;
/** A question added in the form: free text, not required, its words to write. */
export const newQuestion = (): QuestionDraft => {
  drafted += 1;
  return { key: `new-${drafted}`, kind: 'text', text: '', required: false };
};

/** The list with the question at `index` moved one place up (-1) or down (+1); as it was at an end. */
export const moved = <T>(list: readonly T[], index: number, by: -1 | 1): T[] => {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to] as T, next[index] as T];
  return next;
};

const maxIdLength = 40;

/**
 * A new question's id: its words as lower-case words joined by hyphens ("What should change?"
 * is `what-should-change`), at most 40 characters, cut at a word; `question` if no letter or
 * digit is left; `-2`, `-3`… after it when another question has it. The id ties the answers to
 * their question, so a question keeps it when reworded later.
 */
export const questionId = (text: string, taken: Iterable<string>) => {
  const used = new Set(taken);
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const within = (limit: number) => {
    let slug = '';
    for (const word of words) {
      const next = slug ? `${slug}-${word}` : word;
      if (next.length > limit) break;
      slug = next;
    }
    // A first word longer than the limit is cut, rather than dropped.
    return slug || (words[0] ?? '').slice(0, limit);
  };
  const base = within(maxIdLength) || 'question';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${within(maxIdLength - suffix.length) || 'question'}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
};

/**
 * The questions a save sends, in the form's order: the words trimmed, each question's id (a new
 * one's made from its words), and `required` only where it is not the kind's default, unless the
 * question read said so already (so an untouched question is sent as it was read).
 */
export const questionsToSend = (
  drafts: readonly QuestionDraft[],
  read: readonly EvaluationQuestion[],
): EvaluationQuestion[] => {
  const taken = new Set(drafts.flatMap((d) => (d.id ? [d.id] : [])));
  return drafts.map((draft) => {
    const id = draft.id ?? questionId(draft.text, taken);
    taken.add(id);
    const was = read.find((q) => q.id === draft.id);
    const keepsItsWord =
      was?.required !== undefined && was.kind === draft.kind && was.required === draft.required;
    return {
      id,
      kind: draft.kind,
      text: draft.text.trim(),
      ...(keepsItsWord || draft.required !== byDefault(draft.kind) ? { required: draft.required } : {}),
    };
  });
};

/** A question's values in a fixed order: the store need not keep its keys' order. */
const valuesOf = (q: EvaluationQuestion) => [q.id, q.kind, q.text, q.required];

/** Whether the questions to send are other than those read. */
export const questionsChanged = (sent: readonly EvaluationQuestion[], read: readonly EvaluationQuestion[]) =>
  JSON.stringify(sent.map(valuesOf)) !== JSON.stringify(read.map(valuesOf));

/** The id of a question's input in the form: `evaluation-question-2-text` for the third one's words. */
export const questionFieldId = (index: number, part: 'text' | 'kind' | 'required') =>
  `evaluation-question-${index}-${part}`;

/** The id of the list of questions, where an issue about them all is shown. */
export const questionsListId = 'evaluation-questions';

/** The part of a question an issue is about, and its name in the error summary. */
const partWords = { text: 'words', kind: 'kind of answer', required: 'required' } as const;

/**
 * Where an issue of the API about the questions goes, or undefined when it is not about them:
 * `evaluation.questions.2.text` is the third question's words; an issue about a question's id
 * (a new question's words made an id another has) is on its words too; one about the list is
 * on the list, linked to the first question's words.
 */
export const placeQuestionIssue = (path: string) => {
  const at = /^evaluation\.questions(?:\.(\d+)(?:\.(\w+))?)?$/.exec(path);
  if (!at) return undefined;
  const [, index, part] = at;
  if (index === undefined)
    return { label: 'Questions', field: questionFieldId(0, 'text'), beside: 'evaluation.questions' };
  const n = Number(index);
  const which = part === 'kind' || part === 'required' ? part : 'text';
  return {
    label: `Question ${n + 1}, ${partWords[which]}`,
    field: questionFieldId(n, which),
    beside: `evaluation.questions.${n}.${which}`,
  };
};

const quoted = (text: string) => `“${text}”`;
const requiredOf = (q: EvaluationQuestion) => q.required ?? byDefault(q.kind);

/** A change of the questions in words, for the history: what was added, removed, reworded, moved. */
export const describeQuestionChanges = (
  before: readonly EvaluationQuestion[] | undefined,
  after: readonly EvaluationQuestion[] | undefined,
): string[] => {
  if (!before || !after || !questionsChanged(before, after)) return [];
  const lines: string[] = [];
  for (const q of after) {
    const was = before.find((b) => b.id === q.id);
    const required = requiredOf(q) ? 'required' : 'optional';
    if (!was) {
      lines.push(`Question added: ${quoted(q.text)} (${kindLabels[q.kind]}, ${required})`);
      continue;
    }
    if (was.text !== q.text) lines.push(`Question reworded: ${quoted(was.text)} → ${quoted(q.text)}`);
    if (was.kind !== q.kind)
      lines.push(`Question ${quoted(q.text)}: ${kindLabels[was.kind]} → ${kindLabels[q.kind]}`);
    if (requiredOf(was) !== requiredOf(q)) lines.push(`Question ${quoted(q.text)}: now ${required}`);
  }
  for (const q of before)
    if (!after.some((a) => a.id === q.id)) lines.push(`Question removed: ${quoted(q.text)}`);
  const kept = (list: readonly EvaluationQuestion[], other: readonly EvaluationQuestion[]) =>
    list.filter((q) => other.some((o) => o.id === q.id)).map((q) => q.id);
  if (kept(before, after).join() !== kept(after, before).join())
    lines.push(`Questions in a new order: ${after.map((q) => quoted(q.text)).join(', ')}`);
  return lines;
};
