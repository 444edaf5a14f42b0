import {
  type AttendanceRead,
  attendedWords,
  cellOf,
  eventName,
  meetingsHeld,
  monthShort,
  standing,
} from './attendance-view.ts';

const standingColours = { meets: 'green', 'can-still': 'blue', below: 'red' } as const;

/** The key to the marks of the year's table. */
const Key = () => (
  <ul class="govuk-list app-attendance-key" id="attendance-key">
    <li>
      <span aria-hidden="true">✓</span> present, <span aria-hidden="true">✗</span> absent,{' '}
      <span aria-hidden="true">E</span> excused: as the register of the meeting says
    </li>
    <li>
      <span aria-hidden="true">—</span> not marked in a register that was kept: counts as not present
    </li>
    <li>No register: nobody kept the meeting’s register, so it counts as attended by everyone</li>
  </ul>
);

/**
 * The year: each participant a row, each monthly meeting held a column (the month, and the meeting
 * in full for screen readers), their mark at each, how many they count as present at of those the
 * certificate needs, and where that leaves them.
 */
export const YearTable = (props: { read: AttendanceRead }) => {
  const { read } = props;
  const held = meetingsHeld(read);
  const required = read.certificateRule.meetingsAttended;
  if (read.participants.length === 0)
    return (
      <p class="govuk-body" id="attendance-year">
        Nobody holds a place yet.
      </p>
    );
  return (
    <>
      {held.length === 0 && (
        <p class="govuk-body" id="no-meeting-held">
          No monthly meeting has been held yet.
        </p>
      )}
      <div class="app-table-scroll">
        <table class="govuk-table app-attendance-year" id="attendance-year">
          <caption class="govuk-visually-hidden">
            Each participant’s attendance at the monthly meetings held, and the certificate rule
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Participant
              </th>
              {held.map((e) => (
                <th scope="col" class="govuk-table__header app-attendance-month" key={e.id}>
                  <span aria-hidden="true">{monthShort(e)}</span>
                  <span class="govuk-visually-hidden">{eventName(e)}</span>
                </th>
              ))}
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                Attended
              </th>
              <th scope="col" class="govuk-table__header">
                Certificate rule
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {read.participants.map((p) => {
              const where = standing(read, p);
              return (
                <tr class="govuk-table__row" key={p.id}>
                  <th scope="row" class="govuk-table__header app-row-header">
                    {p.name}
                  </th>
                  {held.map((e) => {
                    const cell = cellOf(e, p.id);
                    return (
                      <td class={`govuk-table__cell app-attendance-mark app-mark-${cell.kind}`} key={e.id}>
                        <span aria-hidden="true">{cell.symbol}</span>
                        <span class="govuk-visually-hidden">{cell.words}</span>
                      </td>
                    );
                  })}
                  <td class="govuk-table__cell govuk-table__cell--numeric">{attendedWords(p, required)}</td>
                  <td class="govuk-table__cell">
                    <strong class={`govuk-tag govuk-tag--${standingColours[where.kind]}`}>
                      {where.words}
                    </strong>
                    {where.kind === 'can-still' && (
                      <span class="app-attendance-to-come">
                        {where.toCome} {where.toCome === 1 ? 'meeting' : 'meetings'} to come
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Key />
    </>
  );
};
