import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  type EvaluationState,
  kindLabels,
  moved,
  newQuestion,
  type QuestionDraft,
  type QuestionKind,
  questionFieldId,
  questionsListId,
} from './evaluation-questions-view.ts';
import { ErrorMessage } from './fields.tsx';
import { formatDay } from './settings-view.ts';

const group = (error: unknown) => (error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group');
const kinds = Object.keys(kindLabels) as QuestionKind[];
const requiredWords = (q: QuestionDraft) => (q.required ? 'must be answered' : 'may be left unanswered');

/** The questions once the evaluation has opened: as they are, and why they no longer change. */
const Frozen = (props: { questions: readonly QuestionDraft[]; state: EvaluationState }) => (
  <>
    <p class="govuk-inset-text" id="evaluation-questions-frozen">
      {props.state === 'closed'
        ? 'The evaluation has closed: its questions and closing day can no longer change.'
        : 'The evaluation has opened and participants may have answered: its questions can no longer change. The closing day may move later.'}
    </p>
    <ol class="govuk-list govuk-list--number" id={questionsListId}>
      {props.questions.map((q) => (
        <li key={q.key}>
          {q.text}{' '}
          <span class="app-evaluation-question-about">
            ({kindLabels[q.kind]}; {requiredWords(q)})
          </span>
        </li>
      ))}
    </ol>
  </>
);

/** One question of the list: its words, its kind of answer, whether it is required, and its buttons. */
const Question = (props: {
  question: QuestionDraft;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (next: QuestionDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) => {
  const { question: q, index } = props;
  const n = index + 1;
  const textId = questionFieldId(index, 'text');
  const kindId = questionFieldId(index, 'kind');
  const requiredId = questionFieldId(index, 'required');
  const error = (part: string) => props.errors[`evaluation.questions.${index}.${part}`];
  const hidden = <span class="govuk-visually-hidden">: question {n}</span>;
  return (
    <fieldset class="govuk-fieldset app-evaluation-question" id={`evaluation-question-${index}`}>
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Question {n}</legend>
      <div class={group(error('text'))}>
        <label class="govuk-label" for={textId}>
          Question
        </label>
        <ErrorMessage id={`${textId}-error`} message={error('text')} />
        <input
          type="text"
          class={error('text') ? 'govuk-input govuk-input--error' : 'govuk-input'}
          id={textId}
          value={q.text}
          {...(error('text') ? { 'aria-describedby': `${textId}-error` } : {})}
          onInput={(e) => props.onChange({ ...q, text: e.currentTarget.value })}
        />
      </div>
      <div class={group(error('kind'))}>
        <label class="govuk-label" for={kindId}>
          Answer
        </label>
        <ErrorMessage id={`${kindId}-error`} message={error('kind')} />
        <select
          class={error('kind') ? 'govuk-select govuk-select--error' : 'govuk-select'}
          id={kindId}
          value={q.kind}
          {...(error('kind') ? { 'aria-describedby': `${kindId}-error` } : {})}
          onChange={(e) => props.onChange({ ...q, kind: e.currentTarget.value as QuestionKind })}
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
      <div class={group(error('required'))}>
        <ErrorMessage id={`${requiredId}-error`} message={error('required')} />
        <div class="govuk-checkboxes govuk-checkboxes--small">
          <div class="govuk-checkboxes__item">
            <input
              class="govuk-checkboxes__input"
              id={requiredId}
              type="checkbox"
              checked={q.required}
              onChange={(e) => props.onChange({ ...q, required: e.currentTarget.checked })}
            />
            <label class="govuk-label govuk-checkboxes__label" for={requiredId}>
              Participants must answer it
            </label>
          </div>
        </div>
      </div>
      <div class="govuk-button-group">
        {index > 0 && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            id={`evaluation-question-${index}-up`}
            onClick={() => props.onMove(-1)}
          >
            Move up{hidden}
          </button>
        )}
        {index < props.count - 1 && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            id={`evaluation-question-${index}-down`}
            onClick={() => props.onMove(1)}
          >
            Move down{hidden}
          </button>
        )}
        <button
          type="button"
          class="govuk-button govuk-button--warning"
          id={`evaluation-question-${index}-remove`}
          onClick={props.onRemove}
        >
          Remove{hidden}
        </button>
      </div>
    </fieldset>
  );
};

/**
 * The settings form's Evaluation section: the closing day (given, as the form's other dates are)
 * and the questions, as a list to reword, add to, reorder and remove from until the evaluation
 * opens; read-only after, saying why. Each change keeps the focus where the keyboard user was and
 * is said in a status for screen readers.
 */
export const EvaluationSection = (props: {
  state: EvaluationState | undefined;
  closesOn: string;
  closingDay: ComponentChildren;
  questions: readonly QuestionDraft[];
  errors: Record<string, string>;
  onQuestions: (questions: QuestionDraft[]) => void;
}) => {
  const [focusTo, setFocusTo] = useState<string>();
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!focusTo) return;
    document.getElementById(focusTo)?.focus();
    setFocusTo(undefined);
  }, [focusTo, props.questions]);
  const { questions } = props;
  const count = questions.length;
  const frozen = props.state === 'open' || props.state === 'closed';
  const listError = props.errors['evaluation.questions'];

  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    props.onQuestions(moved(questions, index, by));
    const end = by === -1 ? to === 0 : to === count - 1;
    setFocusTo(`evaluation-question-${to}-${(by === -1) !== end ? 'up' : 'down'}`);
    setSaid(`Question ${index + 1} moved ${by === -1 ? 'up' : 'down'}: it is now question ${to + 1}.`);
  };
  const remove = (index: number) => {
    props.onQuestions(questions.filter((_, i) => i !== index));
    setFocusTo(count > 1 ? questionFieldId(Math.min(index, count - 2), 'text') : 'evaluation-add-question');
    setSaid(`Question ${index + 1} removed.`);
  };
  const add = () => {
    props.onQuestions([...questions, newQuestion()]);
    setFocusTo(questionFieldId(count, 'text'));
    setSaid(`Question ${count + 1} added.`);
  };

  return (
    <section class="app-evaluation-settings" aria-labelledby="evaluation-settings-heading">
      <h3 class="govuk-heading-m" id="evaluation-settings-heading">
        Evaluation
      </h3>
      <p class="govuk-hint" id="evaluation-settings-hint">
        Participants answer these questions on their own page, from the evaluation on the program’s timeline
        until the end of the closing day.
      </p>
      {props.state === 'closed' ? (
        <p class="govuk-body" id="evaluation-closed-on">
          Closed at the end of {formatDay(props.closesOn)}.
        </p>
      ) : (
        props.closingDay
      )}
      <h4 class="govuk-heading-s" id="evaluation-questions-heading">
        Questions
      </h4>
      {frozen ? (
        <Frozen questions={questions} state={props.state as EvaluationState} />
      ) : (
        <div class={group(listError)}>
          <p class="govuk-hint" id="evaluation-questions-hint">
            They can change until the evaluation opens. A new question gets an id made from its words when it
            is first saved (it heads its column in the answers’ download) and keeps it when reworded.
          </p>
          <ErrorMessage id={`${questionsListId}-error`} message={listError} />
          <div id={questionsListId}>
            {questions.map((q, index) => (
              <Question
                key={q.key}
                question={q}
                index={index}
                count={count}
                errors={props.errors}
                onChange={(next) => props.onQuestions(questions.map((x, i) => (i === index ? next : x)))}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
              />
            ))}
          </div>
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            id="evaluation-add-question"
            onClick={add}
          >
            Add a question
          </button>
          <p class="govuk-visually-hidden" role="status">
            {said}
          </p>
        </div>
      )}
    </section>
  );
};
