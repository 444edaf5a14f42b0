import { describeChange, formatWhen, type SettingsAudit, zoneName } from './settings-view.ts';
import { TableHead } from './ui.tsx';

/** Every saved change of the settings, newest first: when, who, what changed in words, and why. */
export const SettingsHistory = (props: { history: readonly SettingsAudit[]; timeZone: string }) => (
  <section aria-labelledby="settings-history-heading">
    <h2 class="govuk-heading-m" id="settings-history-heading">
      Changes
    </h2>
    {props.history.length === 0 ? (
      <p class="govuk-body" id="settings-history">
        No changes yet: the settings are as the program was set up.
      </p>
    ) : (
      <table class="govuk-table" id="settings-history">
        <caption class="govuk-table__caption">
          Changes of the settings, newest first (times in {zoneName(props.timeZone)})
        </caption>
        <TableHead headings={['When', 'Who', 'What changed', 'Note']} />
        <tbody class="govuk-table__body">
          {props.history.map((entry) => (
            <tr class="govuk-table__row" key={entry.version}>
              <th scope="row" class="govuk-table__header app-row-header">
                {formatWhen(entry.at, props.timeZone)}
              </th>
              <td class="govuk-table__cell">{entry.actor}</td>
              <td class="govuk-table__cell">
                <ul class="govuk-list app-change-list">
                  {describeChange(entry.changes, props.timeZone).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
              <td class="govuk-table__cell app-pre-line">{entry.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
