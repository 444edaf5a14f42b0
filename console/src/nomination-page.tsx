// Longer than most files: one page, its loading, its error summary and the sections it shows.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Answers } from './answers.tsx';
import { type Api, issuesOf, isVersionConflict, useRead } from './api.ts';
import { CertificateSection } from './attendance-certificate.tsx';
import type { ConsoleConfig, SignedIn } from './auth.ts';
import { CohortSection, StipendSection } from './cohort-sections.tsx';
import type { Detail, Program } from './contract.ts';
import { CorrectionForm, correctionFieldId } from './correction-form.tsx';
import { EmailStatus, resendable, UndeliverableWarning } from './delivery.tsx';
import { Actions, type Outcome } from './nomination-actions.tsx';
import {
  type Done,
  DoneBanner,
  ErrorSummary,
  formatInstant,
  Link,
  Loading,
  messageOf,
  type Navigate,
  type Problem,
  statusLabels,
  TableHead,
  Tag,
} from './ui.tsx';
import { statusKey } from './view.ts';

/** A participant, told or not: the one who has a travel stipend decision. */
const participant = (d: Detail) =>
  d.status === 'selected' ||
  (d.status === 'notified' && d.decision === 'selected') ||
  d.stipend.decision !== null;

/** One nomination: what can be done now, every answer, the history and the emails. */
export const NominationPage = (props: {
  id: string;
  api: Api;
  config: ConsoleConfig;
  me: SignedIn;
  navigate: Navigate;
}) => {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState<Done>();
  // The program with the nomination, read first: sections that speak of its days render once, complete.
  const shown = useRead<{ detail: Detail; program: Program }>(
    async (before) => {
      const detail = await props.api.get<Detail>(`/nominations/${encodeURIComponent(props.id)}`);
      const program =
        before?.program.id === detail.programId
          ? before.program
          : await props.api.get<Program>(`/programs/${encodeURIComponent(detail.programId)}`);
      return { detail, program };
    },
    [props.id],
  );
  const { detail, program } = shown.data ?? {};

  /** An action's result: the new state, or the refusal in words; a stale version reloads. */
  const settle = async (outcome: Outcome) => {
    setDone(undefined);
    if (outcome.ok) {
      setProblems([]);
      const { answer } = outcome;
      if (answer && program?.id === answer.programId) shown.show({ detail: answer, program });
      else await shown.reload();
      setDone({ at: Date.now(), message: outcome.message });
      return;
    }
    const { error } = outcome;
    if (isVersionConflict(error)) {
      const fresh = (await shown.reload().catch(() => undefined))?.detail;
      setProblems([
        {
          message: `Someone else changed this nomination while you had it open. It now shows what it is (version ${fresh?.version ?? '?'}, ${fresh?.status ?? 'unknown'}): check it and try again.`,
        },
      ]);
      return;
    }
    // A field the correction form has is linked to from the summary.
    const issues = issuesOf(error);
    setProblems(
      issues.length
        ? issues.map((i) =>
            /^(candidate|nominator)\.(name|email)$/.test(i.path)
              ? { message: i.message, field: correctionFieldId(i.path) }
              : // A review without a score: the summary leads to the first score.
                i.path === 'score'
                ? { message: i.message, field: 'score-1' }
                : { message: i.message },
          )
        : [{ message: messageOf(error) }],
    );
  };

  const organizer = props.me.role === 'Organizer';
  // An organizer who declared a conflict of interest with it reads it and decides nothing.
  const decides = organizer && detail?.conflictDeclaredByMe !== true;
  return (
    <>
      <p class="govuk-body">
        <Link href="/staff" navigate={props.navigate} class="govuk-back-link">
          All nominations
        </Link>
      </p>
      <ErrorSummary problems={shown.problems(problems)} />
      <DoneBanner done={done} />
      <Loading reading={shown} text="Loading the nomination…" />
      {detail && (
        <>
          <span class="govuk-caption-l">{detail.library.name}</span>
          <h1 class="govuk-heading-l">{detail.candidate.name}</h1>
          <dl class="govuk-summary-list" id="state">
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Status</dt>
              <dd class="govuk-summary-list__value">
                <Tag value={statusKey(detail)} />
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Version</dt>
              <dd class="govuk-summary-list__value" id="version">
                {detail.version}
              </dd>
            </div>
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Reviews</dt>
              <dd class="govuk-summary-list__value">
                {detail.reviews.count}
                {detail.reviews.averageScore !== null && `, average score ${detail.reviews.averageScore}`}
              </dd>
            </div>
          </dl>
          <UndeliverableWarning addresses={detail.undeliverable ?? []} />
          <Actions detail={detail} api={props.api} me={props.me} config={props.config} settle={settle} />
          {props.config.features.corrections && decides && (
            <CorrectionForm detail={detail} api={props.api} settle={settle} />
          )}
          <CohortSection detail={detail} api={props.api} organizer={decides} settle={settle} />
          {participant(detail) && (
            <StipendSection detail={detail} api={props.api} organizer={decides} settle={settle} />
          )}
          <CertificateSection
            detail={detail}
            program={program}
            api={props.api}
            organizer={organizer}
            settle={settle}
          />
          <h2 class="govuk-heading-m">The nomination</h2>
          {program && <Answers nomination={detail} program={program} />}
          <History detail={detail} />
          <Emails
            detail={detail}
            resend={
              props.config.features.resend && organizer
                ? (key) =>
                    props.api
                      .post(
                        `/nominations/${encodeURIComponent(detail.id)}/emails/${encodeURIComponent(key)}/resend`,
                        {},
                      )
                      .then(
                        () => settle({ ok: true, message: 'The email is queued to be sent again' }),
                        (error) => settle({ ok: false, error }),
                      )
                : undefined
            }
          />
        </>
      )}
    </>
  );
};

/** A plain GOV.UK table: a caption for screen readers, a row of headings, the rows' cells. */
const SimpleTable = (props: {
  caption: string;
  headings: string[];
  rows: [string, ComponentChildren[]][];
}) => (
  <table class="govuk-table">
    <caption class="govuk-visually-hidden">{props.caption}</caption>
    <TableHead headings={props.headings} />
    <tbody class="govuk-table__body">
      {props.rows.map(([key, cells]) => (
        <tr class="govuk-table__row" key={key}>
          {cells.map((cell, i) => (
            <td key={props.headings[i]} class="govuk-table__cell app-pre-line">
              {cell}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

const inWords = (status: string) => statusLabels[status]?.toLowerCase() ?? status;

const History = ({ detail }: { detail: Detail }) => (
  <>
    <h2 class="govuk-heading-m">History</h2>
    <SimpleTable
      caption="What happened to this nomination, oldest first"
      headings={['When', 'Who', 'What', 'Note']}
      rows={detail.history.map((entry) => {
        // A review's note and score are withheld from a reviewer who has not reviewed.
        const score = 'score' in entry ? entry.score : undefined;
        const note = 'note' in entry ? entry.note : undefined;
        return [
          `${entry.at}-${entry.action}`,
          [
            formatInstant(entry.at),
            entry.actor,
            `${entry.action}${entry.from && entry.from !== entry.to ? ` (${inWords(entry.from)} → ${inWords(entry.to)})` : ''}${
              score !== undefined ? `, score ${score}` : ''
            }${entry.rank !== undefined ? `, rank ${entry.rank}` : ''}`,
            note ?? '',
          ],
        ];
      })}
    />
  </>
);

/** The emails and whether they went; an organizer may send a failed one again. */
const Emails = ({
  detail,
  resend,
}: {
  detail: Detail;
  resend?: ((key: string) => Promise<void>) | undefined;
}) => (
  <>
    <h2 class="govuk-heading-m">Emails</h2>
    {detail.emails.length === 0 ? (
      <p class="govuk-body">No emails yet.</p>
    ) : (
      <SimpleTable
        caption="The emails about this nomination and whether they were sent"
        headings={['Subject', 'To', 'Status', 'When']}
        rows={detail.emails.map((email) => [
          email.key,
          [
            email.subject,
            [...email.to, ...email.cc.map((c) => `cc ${c}`)].join(', '),
            <>
              <EmailStatus email={email} />
              {resend && resendable(email) && (
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary app-small-button"
                  onClick={() => void resend(email.key)}
                >
                  Send again<span class="govuk-visually-hidden">: {email.subject}</span>
                </button>
              )}
            </>,
            formatInstant(email.sentAt ?? email.createdAt),
          ],
        ])}
      />
    )}
  </>
);
