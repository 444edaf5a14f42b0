import { NotYetTold } from './groups-cards.tsx';
import { type Draft, groupLabel, type Participant, placeFieldId } from './groups-view.ts';
import { countryName, TableHead, Tag } from './ui.tsx';

const NoGroup = () => <Tag value="no-group" label="No group" />;

/**
 * Every participant, a row each, with their group: for an organizer a select per row and nothing
 * else to tab through, so twenty people are placed with Tab and the arrow keys (or the first letter
 * of a group's name); for others the group's name.
 */
export const Register = (props: {
  labelledBy: string;
  participants: readonly Participant[];
  draft: Draft;
  editable: boolean;
  errors: Record<string, string>;
  onPlace: (participant: string, key: string) => void;
}) => (
  <div class="app-table-scroll">
    <table class="govuk-table" id="participant-groups" aria-labelledby={props.labelledBy}>
      <TableHead headings={['Participant', 'Library', 'City', 'Country', 'Group']} />
      <tbody class="govuk-table__body">
        {props.participants.length === 0 && (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell" colSpan={5}>
              Nobody holds a place yet
            </td>
          </tr>
        )}
        {props.participants.map((p) => {
          const key = props.draft.placed[p.id] ?? '';
          const id = placeFieldId(p.id);
          const error = props.errors[id];
          return (
            <tr class={key ? 'govuk-table__row' : 'govuk-table__row app-ungrouped'} key={p.id}>
              <th scope="row" class="govuk-table__header app-row-header">
                {p.name} {!p.told && <NotYetTold />}
              </th>
              <td class="govuk-table__cell">{p.library}</td>
              <td class="govuk-table__cell">{p.city}</td>
              <td class="govuk-table__cell">{countryName(p.country)}</td>
              <td class="govuk-table__cell">
                {props.editable ? (
                  <div
                    class={
                      error ? 'govuk-form-group govuk-form-group--error app-cell-field' : 'app-cell-field'
                    }
                  >
                    <label class="govuk-visually-hidden" for={id}>
                      Group of {p.name}
                    </label>
                    {error && (
                      <p class="govuk-error-message" id={`${id}-error`}>
                        <span class="govuk-visually-hidden">Error:</span> {error}
                      </p>
                    )}
                    <select
                      class="govuk-select"
                      id={id}
                      value={key}
                      {...(error ? { 'aria-describedby': `${id}-error` } : {})}
                      onChange={(e) => props.onPlace(p.id, e.currentTarget.value)}
                    >
                      <option value="">No group</option>
                      {props.draft.groups.map((g) => (
                        <option value={g.key} key={g.key}>
                          {groupLabel(props.draft, g.key)}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : key ? (
                  groupLabel(props.draft, key)
                ) : (
                  <NoGroup />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);
