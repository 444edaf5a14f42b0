import { useState } from 'preact/hooks';
import { type Api, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import {
  averageWords,
  csvFileName,
  type EvaluationResults,
  type RatingResult,
  ratingRows,
  recommendHeadline,
  respondedWords,
  stateWords,
  type TextResult,
  textAnswers,
} from './evaluation-view.ts';
import { ErrorSummary, Loading, TableHead } from './ui.tsx';

/** Downloads the answers as CSV with the person's token, as the nominations' export does. */
const DownloadAnswers = (props: { api: Api; programId: string }) => {
  const [message, setMessage] = useState<string>();
  const download = async () => {
    setMessage('Preparing the download…');
    const response = await props.api.fetch(`/programs/${encodeURIComponent(props.programId)}/evaluation.csv`);
    if (!response.ok) return setMessage(`The download failed (${response.status}).`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(props.programId);
    link.click();
    URL.revokeObjectURL(url);
    setMessage('Downloaded.');
  };
  return (
    <p class="govuk-body">
      <button
        type="button"
        class="govuk-button govuk-button--secondary"
        id="evaluation-download"
        onClick={() => void download()}
      >
        Download the answers (CSV)
      </button>
      {message && <span role="status"> {message}</span>}
    </p>
  );
};

/** A rating's answers: a table of each score, its count and share (with a bar), and its average. */
const Rating = ({ q }: { q: RatingResult }) => (
  <section aria-labelledby={`evaluation-${q.id}-heading`} class="app-evaluation-question">
    <h3 class="govuk-heading-s" id={`evaluation-${q.id}-heading`}>
      {q.text}
    </h3>
    <p class="govuk-body" id={`evaluation-${q.id}-average`}>
      {averageWords(q)}
    </p>
    <table class="govuk-table app-evaluation-table" id={`evaluation-${q.id}`}>
      <caption class="govuk-table__caption govuk-visually-hidden">Answers to “{q.text}”, by score</caption>
      <TableHead headings={['Score', 'Answers', 'Share']} numeric={['Answers']} />
      <tbody class="govuk-table__body">
        {ratingRows(q).map((row) => (
          <tr class="govuk-table__row" key={row.score}>
            <th scope="row" class="govuk-table__header app-row-header">
              {row.label}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">{row.count}</td>
            <td class="govuk-table__cell">
              <span class="app-evaluation-share">
                <span class="app-evaluation-track" aria-hidden="true">
                  <span class="app-evaluation-bar" style={{ width: `${row.share}%` }} />
                </span>
                {row.share}%
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

/** A text question's answers, each as given, without names. */
const Texts = ({ q }: { q: TextResult }) => {
  const texts = textAnswers(q);
  return (
    <section aria-labelledby={`evaluation-${q.id}-heading`} class="app-evaluation-question">
      <h3 class="govuk-heading-s" id={`evaluation-${q.id}-heading`}>
        {q.text}
      </h3>
      {texts.length === 0 ? (
        <p class="govuk-body">No answers yet.</p>
      ) : (
        <>
          <p class="govuk-body">{texts.length === 1 ? '1 answer' : `${texts.length} answers`}</p>
          <ul class="govuk-list govuk-list--bullet" id={`evaluation-${q.id}`}>
            {texts.map((t, i) => (
              // The answers have no ids of their own and never move: their place is their key.
              <li key={i} class="app-evaluation-text">
                {t}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};

/**
 * The program's evaluation (`/staff/evaluation`): how many answered, the share who would
 * recommend the program, each rating's spread and average, the written answers, and all the
 * answers as CSV. Nobody's name is attached to an answer.
 */
export const EvaluationPage = (props: { api: Api; config: ConsoleConfig }) => {
  const reading = useRead(
    () =>
      props.api.get<EvaluationResults>(`/programs/${encodeURIComponent(props.config.programId)}/evaluation`),
    [props.api, props.config.programId],
  );
  const results = reading.data;
  const headline = results && recommendHeadline(results.questions);
  const ratings = results?.questions.filter((q): q is RatingResult => q.kind === 'rating') ?? [];
  const texts = results?.questions.filter((q): q is TextResult => q.kind === 'text') ?? [];
  return (
    <>
      <h1 class="govuk-heading-l">Evaluation</h1>
      <ErrorSummary problems={reading.failure} />
      <Loading reading={reading} text="Loading the evaluation…" />
      {results && (
        <>
          <p class="govuk-body" id="evaluation-state">
            {stateWords(results)}
          </p>
          <div class="app-figures">
            <div class="app-figure">
              <p class="app-figure__value" id="evaluation-responded">
                <span class="app-figure__number">{results.responded}</span> of{' '}
                {respondedWords(results).replace(/^\d+ of /, '')}
              </p>
            </div>
            {headline && (
              <div class="app-figure">
                <p class="app-figure__value" id="evaluation-recommend">
                  {headline.figure ? (
                    <>
                      <span class="app-figure__number">{headline.figure}</span> {headline.phrase}
                    </>
                  ) : (
                    `How many ${headline.phrase}: not known yet`
                  )}
                </p>
                <p class="govuk-body-s app-evaluation-counts" id="evaluation-recommend-counts">
                  {headline.counts}
                </p>
              </div>
            )}
          </div>
          <DownloadAnswers api={props.api} programId={props.config.programId} />
          {ratings.length > 0 && (
            <section aria-labelledby="evaluation-ratings-heading">
              <h2 class="govuk-heading-m" id="evaluation-ratings-heading">
                Ratings
              </h2>
              {ratings.map((q) => (
                <Rating q={q} key={q.id} />
              ))}
            </section>
          )}
          {texts.length > 0 && (
            <section aria-labelledby="evaluation-texts-heading">
              <h2 class="govuk-heading-m" id="evaluation-texts-heading">
                Written answers
              </h2>
              {texts.map((q) => (
                <Texts q={q} key={q.id} />
              ))}
            </section>
          )}
        </>
      )}
    </>
  );
};
