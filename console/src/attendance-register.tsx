import {
  type AttendanceEvent,
  type AttendanceParticipant,
  type Draft,
  type Mark,
  markFieldId,
  markLabels,
  marks,
} from './attendance-view.ts';
import { TableHead } from './ui.tsx';

/**
 * A participant's mark: GOV.UK radios, inline, in a fieldset whose legend is their name (hidden:
 * the row's heading shows it). One stop of the Tab key; the arrow keys choose.
 */
const MarkRadios = (props: {
  participant: AttendanceParticipant;
  mark: Mark | undefined;
  error: string | undefined;
  onMark: (mark: Mark) => void;
}) => {
  const { participant: p, error } = props;
  const name = `mark-${p.id}`;
  return (
    <div class={error ? 'govuk-form-group govuk-form-group--error app-cell-field' : 'app-cell-field'}>
      <fieldset class="govuk-fieldset" {...(error ? { 'aria-describedby': `${name}-error` } : {})}>
        <legend class="govuk-visually-hidden">{p.name}</legend>
        {error && (
          <p class="govuk-error-message" id={`${name}-error`}>
            <span class="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div class="govuk-radios govuk-radios--inline app-attendance-radios">
          {marks.map((m) => (
            <div class="govuk-radios__item" key={m}>
              <input
                class="govuk-radios__input"
                id={markFieldId(p.id, m)}
                name={name}
                type="radio"
                value={m}
                checked={props.mark === m}
                onChange={() => props.onMark(m)}
              />
              <label class="govuk-label govuk-radios__label" for={markFieldId(p.id, m)}>
                {markLabels[m]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
};

/**
 * The participants a register is for, a row each: for an organizer keeping it, the radios and
 * nothing else to tab through, so twenty people are marked with Tab and the arrow keys; for
 * others the mark in words.
 */
export const RegisterTable = (props: {
  event: AttendanceEvent;
  people: readonly AttendanceParticipant[];
  draft: Draft;
  editable: boolean;
  errors: Record<string, string>;
  onMark: (participant: string, mark: Mark) => void;
}) => {
  const rows = props.people.filter((p) => props.event.expected.includes(p.id));
  return (
    <div class="app-table-scroll">
      <table class="govuk-table" id="register">
        <caption class="govuk-visually-hidden">
          Who was there: the participants the register is for, a row each
        </caption>
        <TableHead headings={['Participant', 'Library', 'City', 'Attendance']} />
        <tbody class="govuk-table__body">
          {rows.length === 0 && (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell" colSpan={4}>
                Nobody holds a place yet
              </td>
            </tr>
          )}
          {rows.map((p) => {
            const mark = props.draft[p.id];
            return (
              <tr class={mark ? 'govuk-table__row' : 'govuk-table__row app-unmarked'} key={p.id}>
                <th scope="row" class="govuk-table__header app-row-header">
                  {p.name}
                </th>
                <td class="govuk-table__cell">{p.library}</td>
                <td class="govuk-table__cell">{p.city}</td>
                <td class="govuk-table__cell">
                  {props.editable ? (
                    <MarkRadios
                      participant={p}
                      mark={mark}
                      error={props.errors[p.id]}
                      onMark={(m) => props.onMark(p.id, m)}
                    />
                  ) : mark ? (
                    markLabels[mark]
                  ) : (
                    'Not marked'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
