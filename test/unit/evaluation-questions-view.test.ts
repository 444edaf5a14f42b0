import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { evaluationQuestionSchema } from '#shared/domain/program-schema';
import {
  describeQuestionChanges,
  type EvaluationQuestion,
  moved,
  newQuestion,
  placeQuestionIssue,
  questionDrafts,
  questionFieldId,
  questionId,
  questionsChanged,
  questionsToSend,
} from '../../console/src/evaluation-questions-view.ts';
import { describeChange, placeIssues, settingsChange } from '../../console/src/settings-view.ts';

const read: EvaluationQuestion[] = [
  { id: 'overall', kind: 'rating', text: 'How useful was it?' },
  { id: 'learned', kind: 'text', text: 'What did you learn?' },
  { id: 'recommend', kind: 'recommend', text: 'Would you recommend it?', required: true },
];

describe('the evaluation questions on the settings page', () => {
  it('shows each question with whether it must be answered, and sends it back unchanged', () => {
    const drafts = questionDrafts(read);
    expect(drafts.map((d) => [d.id, d.kind, d.required])).toEqual([
      ['overall', 'rating', true],
      ['learned', 'text', false],
      ['recommend', 'recommend', true],
    ]);
    // An explicit `required` read stays; a default one is not added.
    expect(questionsToSend(drafts, read)).toEqual(read);
    expect(questionsChanged(questionsToSend(drafts, read), read)).toBe(false);
  });

  it('sends the words trimmed, `required` where it differs from the kind’s default, a new question’s id', () => {
    const [overall, learned, recommend] = questionDrafts(read) as [
      ReturnType<typeof newQuestion>,
      ReturnType<typeof newQuestion>,
      ReturnType<typeof newQuestion>,
    ];
    const added = { ...newQuestion(), text: '  What should the next cohort change?  ' };
    expect(added).toMatchObject({ kind: 'text', required: false });
    expect(added.id).toBeUndefined();
    const sent = questionsToSend(
      [{ ...learned, required: true }, { ...overall, required: false }, added, recommend],
      read,
    );
    expect(sent).toEqual([
      { id: 'learned', kind: 'text', text: 'What did you learn?', required: true },
      { id: 'overall', kind: 'rating', text: 'How useful was it?', required: false },
      { id: 'what-should-the-next-cohort-change', kind: 'text', text: 'What should the next cohort change?' },
      read[2],
    ]);
    for (const q of sent) expect(evaluationQuestionSchema.safeParse(q).success).toBe(true);
    expect(questionsChanged(sent, read)).toBe(true);
  });

  it('makes an id from the words: a slug of 40 characters at most, cut at a word, never taken', () => {
    expect(questionId('What did you learn?', [])).toBe('what-did-you-learn');
    expect(questionId('Ça a-t-il été utile ?', [])).toBe('ca-a-t-il-ete-utile');
    const long = 'How valuable were the monthly meetings for the work of your library?';
    expect(questionId(long, [])).toBe('how-valuable-were-the-monthly-meetings');
    expect(questionId(long, []).length).toBeLessThanOrEqual(40);
    expect(questionId('x'.repeat(60), [])).toBe('x'.repeat(40));
    expect(questionId('', [])).toBe('question');
    expect(questionId('¿?', ['question'])).toBe('question-2');
    expect(questionId('What did you learn?', ['what-did-you-learn', 'what-did-you-learn-2'])).toBe(
      'what-did-you-learn-3',
    );
    const taken = questionId(long, [questionId(long, [])]);
    expect(taken).toBe('how-valuable-were-the-monthly-meetings-2');
    expect(taken.length).toBeLessThanOrEqual(40);
    // Two new questions with the same words get two ids.
    const twice = questionsToSend(
      [
        { ...newQuestion(), text: 'Anything else?' },
        { ...newQuestion(), text: 'Anything else?' },
      ],
      [],
    );
    expect(twice.map((q) => q.id)).toEqual(['anything-else', 'anything-else-2']);
    // An existing question's id is not given to a new one, wherever it is in the list.
    expect(
      questionsToSend([{ ...newQuestion(), text: 'How useful was it?' }, ...questionDrafts(read)], read)[0]
        ?.id,
    ).toBe('how-useful-was-it');
    expect(
      questionsToSend([{ ...newQuestion(), text: 'Overall' }, ...questionDrafts(read)], read)[0]?.id,
    ).toBe('overall-2');
  });

  it('moves a question one place, and leaves the list as it was at either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('sends the evaluation whole with the settings when its questions or closing day change', () => {
    const settings = { ...settingsOf(), evaluation: { closesOn: '2025-03-26', questions: read } };
    const at = { settings, timeZone: 'America/New_York', settingsVersion: 3 };
    const values = { 'evaluation.closesOn': '2025-03-26' };
    expect(settingsChange(at, values, '', questionsToSend(questionDrafts(read), read))).toBeUndefined();
    expect(settingsChange(at, { 'evaluation.closesOn': '2025-03-31' }, '')).toEqual({
      evaluation: { closesOn: '2025-03-31', questions: read },
      expectedVersion: 3,
    });
    const fewer = read.slice(1);
    expect(settingsChange(at, { 'evaluation.closesOn': '2025-03-31' }, 'Shorter', fewer)).toEqual({
      evaluation: { closesOn: '2025-03-31', questions: fewer },
      expectedVersion: 3,
      note: 'Shorter',
    });
    expect(settingsChange(at, values, '', fewer)).toEqual({
      evaluation: { closesOn: '2025-03-26', questions: fewer },
      expectedVersion: 3,
    });
  });

  it('puts the API’s issues about the questions on their fields', () => {
    expect(questionFieldId(2, 'text')).toBe('evaluation-question-2-text');
    expect(placeQuestionIssue('evaluation.questions.2.text')).toEqual({
      label: 'Question 3, words',
      field: 'evaluation-question-2-text',
      beside: 'evaluation.questions.2.text',
    });
    // An id made twice is about the words it was made from.
    expect(placeQuestionIssue('evaluation.questions.4.id')?.field).toBe('evaluation-question-4-text');
    expect(placeQuestionIssue('evaluation.questions.0.kind')?.field).toBe('evaluation-question-0-kind');
    expect(placeQuestionIssue('evaluation.questions')?.field).toBe('evaluation-question-0-text');
    expect(placeQuestionIssue('evaluation.closesOn')).toBeUndefined();
    expect(placeQuestionIssue('capacity')).toBeUndefined();
    const placed = placeIssues([
      { path: 'evaluation.questions.2.text', message: 'write the question' },
      { path: 'evaluation.questions', message: 'ask for a recommendation once at most' },
      { path: 'evaluation.closesOn', message: 'the evaluation cannot close before it opens' },
    ]);
    expect(placed.problems).toEqual([
      { message: 'Question 3, words: write the question', field: 'evaluation-question-2-text' },
      { message: 'Questions: ask for a recommendation once at most', field: 'evaluation-question-0-text' },
      {
        message: 'Evaluation closes: the evaluation cannot close before it opens',
        field: 'setting-evaluation-closesOn',
      },
    ]);
    expect(placed.beside).toEqual({
      'evaluation.questions.2.text': 'write the question',
      'evaluation.questions': 'ask for a recommendation once at most',
      'evaluation.closesOn': 'the evaluation cannot close before it opens',
    });
  });

  it('tells a change of the questions in words, for the history', () => {
    const after: EvaluationQuestion[] = [
      { id: 'learned', kind: 'text', text: 'What did you learn that you will use?', required: true },
      { id: 'overall', kind: 'rating', text: 'How useful was it?' },
      { id: 'anything-else', kind: 'text', text: 'Anything else?' },
    ];
    expect(describeQuestionChanges(read, after)).toEqual([
      'Question reworded: “What did you learn?” → “What did you learn that you will use?”',
      'Question “What did you learn that you will use?”: now required',
      'Question added: “Anything else?” (Free text, optional)',
      'Question removed: “Would you recommend it?”',
      'Questions in a new order: “What did you learn that you will use?”, “How useful was it?”, “Anything else?”',
    ]);
    expect(describeQuestionChanges(read, read)).toEqual([]);
    expect(describeQuestionChanges(undefined, read)).toEqual([]);
    expect(
      describeChange(
        {
          before: { evaluation: { closesOn: '2025-03-26', questions: read } },
          after: {
            evaluation: {
              closesOn: '2025-03-31',
              questions: [{ ...read[0], kind: 'text' } as EvaluationQuestion, ...read.slice(1)],
            },
          },
        },
        'America/New_York',
      ),
    ).toEqual([
      'Evaluation closes: Wednesday 26 March 2025 → Monday 31 March 2025',
      'Question “How useful was it?”: Rating from 1 to 5 → Free text',
      'Question “How useful was it?”: now optional',
    ]);
  });
});

const settingsOf = () => ({
  nominationWindow: metlib2024.nominationWindow,
  decisionsDueAt: metlib2024.decisionsDueAt,
  lateDecisionsBy: metlib2024.lateDecisionsBy,
  reserveUntil: metlib2024.reserveUntil,
  capacity: metlib2024.capacity,
  travelStipends: metlib2024.travelStipends,
  contactEmail: metlib2024.contactEmail,
  certificateRule: metlib2024.certificateRule,
  evaluation: metlib2024.evaluation,
});

describe('the questions compared', () => {
  it('by their values, whatever the order of their keys as stored', () => {
    const stored = read.map((q) => Object.fromEntries(Object.entries(q).reverse()) as EvaluationQuestion);
    expect(questionsChanged(questionsToSend(questionDrafts(stored), stored), read)).toBe(false);
    expect(questionsChanged([...read].reverse(), read)).toBe(true);
  });
});
