import { NotYetTold } from './groups-cards.tsx';
import {
  changed,
  type Draft,
  type GroupsRead,
  groupLabel,
  type Participant,
  placeFieldId,
  toldOfChange,
  toldSentence,
  ungrouped,
} from './groups-view.ts';
import { countryName, names, TableHead, Tag, WarningText } from './ui.tsx';

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

/** Participants and their groups: who is without one, then the register. */
export const RegisterSection = (props: {
  read: GroupsRead;
  draft: Draft;
  errors: Record<string, string>;
  edit: boolean;
  onPlace: (participant: string, key: string) => void;
}) => {
  const { read, draft } = props;
  const without = ungrouped(read, draft);
  return (
    <section aria-labelledby="register-heading">
      <h2 class="govuk-heading-m" id="register-heading">
        Participants and their groups
      </h2>
      <p class="govuk-body" id="ungrouped">
        {read.participants.length === 0
          ? 'Nobody holds a place yet.'
          : without.length === 0
            ? 'Every participant is in a group.'
            : `Without a group (${without.length}): ${names(without)}.`}
      </p>
      <Register
        labelledBy="register-heading"
        participants={read.participants}
        draft={draft}
        editable={props.edit}
        errors={props.errors}
        onPlace={props.onPlace}
      />
    </section>
  );
};

/** Who a save will email, before it is made: a GOV.UK warning text when someone will be. */
export const WhoHears = (props: { read: GroupsRead; draft: Draft }) => {
  if (!changed(props.read, props.draft))
    return (
      <p class="govuk-body" id="told-count">
        Nothing has changed since the groups were read.
      </p>
    );
  const told = toldOfChange(props.read, props.draft);
  if (told.length === 0)
    return (
      <p class="govuk-body" id="told-count">
        {toldSentence(0)}
      </p>
    );
  return (
    <WarningText id="told-count">
      {toldSentence(told.length)} <span class="app-normal">{names(told)}.</span>
    </WarningText>
  );
};
