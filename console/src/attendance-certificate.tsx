import { useEffect, useState } from 'preact/hooks';
import type { Program } from '#shared/domain/program';
import type { Api } from './api.ts';
import type { Detail } from './contract.ts';
import { NoteField } from './fields.tsx';
import type { Outcome } from './nomination-actions.tsx';
import { formatDay } from './settings-view.ts';
import { FocusedHeading, formatInstant, SummaryList, WarningText } from './ui.tsx';

/** A participant: notified of their selection (the API issues certificates to them alone). */
const isParticipant = (d: Detail) => d.status === 'notified' && d.decision === 'selected';

/** "Monday 31 March 2025": the day of the program's certificates, when its timeline has one. */
const certificateDay = (program: Program | undefined) => {
  const when = program?.timeline.find((e) => e.kind === 'certificates')?.when;
  if (!when) return undefined;
  return 'at' in when
    ? formatDay(when.at.split('T')[0] ?? '')
    : 'from' in when
      ? formatDay(when.from)
      : undefined;
};

/**
 * A participant's certificate: whether it was issued, when, and the name it bears. Organizers issue
 * it now, by email, bearing the name as it now is: again after the name was corrected, or for the
 * first time once the register was corrected to meet the rule. It asks first, saying so; the API
 * refuses what it must (before certificate day, a register short of the rule) in its own words.
 */
export const CertificateSection = (props: {
  detail: Detail;
  program: Program | undefined;
  api: Api;
  organizer: boolean;
  settle: (outcome: Outcome) => Promise<void>;
}) => {
  const { detail } = props;
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [backToButton, setBackToButton] = useState(false);
  useEffect(() => {
    if (!backToButton) return;
    document.getElementById('issue-certificate')?.focus();
    setBackToButton(false);
  }, [backToButton]);
  const { certificate } = detail;
  if (!isParticipant(detail) && !certificate) return null;
  const name = detail.candidate.name;
  const day = certificateDay(props.program);
  const rule = props.program?.certificateRule.meetingsAttended;

  const issue = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await props.api.post(`/nominations/${encodeURIComponent(detail.id)}/certificate`, {
        expectedVersion: detail.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      await props.settle({
        ok: true,
        message: `Certificate issued: emailed to ${name}, bearing the name “${name}”`,
      });
    } catch (error) {
      await props.settle({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="certificate-heading">
      <h2 class="govuk-heading-m" id="certificate-heading">
        Certificate
      </h2>
      {certificate ? (
        <SummaryList
          id="certificate"
          rows={[
            ['Issued', formatInstant(certificate.issuedAt)],
            ['Name on it', certificate.name],
            ...(certificate.reissuedAt
              ? [['Issued again', formatInstant(certificate.reissuedAt)] as [string, string]]
              : []),
          ]}
        />
      ) : (
        <p class="govuk-body" id="certificate">
          Not issued.{' '}
          {day
            ? `The certificates go out on ${day} to the participants present at ${rule ?? 'enough'} of the monthly meetings; the others get their attendance record.`
            : 'The certificates go out on certificate day.'}
        </p>
      )}
      {certificate && certificate.name !== name && (
        <WarningText id="certificate-name">
          The certificate bears “{certificate.name}”; the name is now “{name}”. Issue it again so it bears the
          name as it is.
        </WarningText>
      )}
      {props.organizer && isParticipant(detail) && (
        <form
          class="app-panel"
          aria-labelledby="certificate-now-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <h3 class="govuk-heading-s" id="certificate-now-heading">
            Issue the certificate now
          </h3>
          <p class="govuk-body" id="certificate-now-what">
            This emails {name} their certificate at once, as a PDF, bearing the name “{name}” as it is now.{' '}
            {certificate
              ? 'It replaces the one issued.'
              : 'A first certificate is issued only once certificate day has come, and only if the register shows them present at enough of the meetings.'}
          </p>
          <NoteField
            id="certificate-note"
            label="Note (optional): why, for the history"
            rows={2}
            value={note}
            onInput={setNote}
          />
          {confirming ? (
            <div class="app-confirm" id="confirm-certificate">
              <FocusedHeading id="confirm-certificate-heading" small text="Issue the certificate now?" />
              <p class="govuk-body">
                {name} is emailed the certificate at once, bearing the name “{name}”.
              </p>
              <div class="govuk-button-group">
                <button type="button" class="govuk-button" disabled={busy} onClick={() => void issue()}>
                  Yes, issue and email it
                </button>
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary"
                  onClick={() => {
                    setConfirming(false);
                    setBackToButton(true);
                  }}
                >
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button
              type="submit"
              class="govuk-button govuk-button--secondary"
              id="issue-certificate"
              disabled={busy}
            >
              Issue the certificate now
            </button>
          )}
        </form>
      )}
    </section>
  );
};
