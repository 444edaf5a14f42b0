import { formatSentAt, type ListedAnnouncement } from './announcements-view.ts';
import { TableHead } from './ui.tsx';

/**
 * The announcements sent, newest first: when, to whom, the subject (its message behind it, as
 * written), who sent it and how many it went to.
 */
export const AnnouncementsList = (props: { announcements: readonly ListedAnnouncement[] | undefined }) => (
  <section aria-labelledby="announcements-sent-heading">
    <h2 class="govuk-heading-m" id="announcements-sent-heading">
      Announcements sent
    </h2>
    {!props.announcements ? (
      <p class="govuk-body" role="status">
        Loading the announcements…
      </p>
    ) : props.announcements.length === 0 ? (
      <p class="govuk-body" id="announcements-none">
        None yet.
      </p>
    ) : (
      <table class="govuk-table" id="announcements">
        <caption class="govuk-table__caption govuk-visually-hidden">Announcements sent, newest first</caption>
        <TableHead headings={['Sent', 'To', 'Subject', 'Sent by', 'Recipients']} numeric={['Recipients']} />
        <tbody class="govuk-table__body">
          {props.announcements.map((a) => (
            <tr class="govuk-table__row" key={a.id}>
              <td class="govuk-table__cell">{formatSentAt(a.sentAt)}</td>
              <td class="govuk-table__cell">{a.audienceLabel}</td>
              <td class="govuk-table__cell">
                <details class="app-announcement-body">
                  <summary class="govuk-details__summary">{a.subject}</summary>
                  <div class="govuk-details__text app-pre-line">{a.body}</div>
                </details>
              </td>
              <td class="govuk-table__cell">{a.sentBy}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{a.recipients}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
