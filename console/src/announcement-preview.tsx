import { type AnnouncementPreview, people } from './announcements-view.ts';
import { FocusedHeading, SummaryList, TableHead } from './ui.tsx';

const list = (addresses: readonly string[]) => addresses.join(', ');

/** Each recipient: their name, the nomination's reference, their address and the copy, if any. */
const Recipients = (props: { preview: AnnouncementPreview }) => {
  const copies = props.preview.recipients.some((r) => r.cc);
  return (
    <table class="govuk-table" id="announcement-recipients">
      <caption class="govuk-table__caption">Recipients</caption>
      <TableHead headings={['Name', 'Reference', 'Address', ...(copies ? ['Copy to'] : [])]} />
      <tbody class="govuk-table__body">
        {props.preview.recipients.map((r) => (
          <tr class="govuk-table__row" key={r.id}>
            <th scope="row" class="govuk-table__header app-row-header">
              {r.name}
            </th>
            <td class="govuk-table__cell">{r.reference}</td>
            <td class="govuk-table__cell">{r.email}</td>
            {copies && <td class="govuk-table__cell">{r.cc ?? ''}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/**
 * What an announcement would do, before it is sent: whom it reaches, each of them, and the email
 * the first of them would read, as its text (the server's HTML is not put in the page: what is
 * shown is text, whatever the message holds). Then send it, or change it.
 */
export const AnnouncementPreviewPanel = (props: {
  preview: AnnouncementPreview;
  busy: boolean;
  onSend: () => void;
  onChange: () => void;
}) => {
  const { preview } = props;
  const { email } = preview;
  const first = preview.recipients[0];
  return (
    <section
      class="app-panel app-announcement-preview"
      id="announcement-preview"
      aria-labelledby="announcement-preview-heading"
    >
      <FocusedHeading
        id="announcement-preview-heading"
        text={`Before you send: ${preview.audience}, ${people(preview.count)}`}
      />
      {preview.count === 0 ? (
        <p class="govuk-inset-text" id="announcement-nobody">
          Nobody is in this audience yet, so there is nobody to send it to. Change who it is for, or write it
          again later.
        </p>
      ) : (
        <Recipients preview={preview} />
      )}
      {email && (
        <>
          <h3 class="govuk-heading-s" id="announcement-email-heading">
            The email as {first?.name ?? 'the first recipient'} will read it
          </h3>
          <SummaryList
            id="announcement-email-headers"
            rows={[
              ['To', list(email.to)],
              ...(email.cc.length > 0 ? [['Copy to', list(email.cc)] as [string, string]] : []),
              ['Replies go to', list(email.replyTo ?? [])],
              ['Subject', email.subject],
            ]}
          />
          <pre class="app-email-text" id="announcement-email-text">
            {email.text}
          </pre>
        </>
      )}
      <div class="govuk-button-group">
        {preview.count > 0 && (
          <button type="button" class="govuk-button" disabled={props.busy} onClick={props.onSend}>
            Send to {people(preview.count)}
          </button>
        )}
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          disabled={props.busy}
          onClick={props.onChange}
        >
          Change
        </button>
      </div>
    </section>
  );
};
