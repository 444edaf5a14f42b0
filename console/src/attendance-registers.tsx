import type { Dispatch, StateUpdater } from 'preact/hooks';
import { RegisterTable } from './attendance-register.tsx';
import {
  type AttendanceEvent,
  type AttendanceParticipant,
  type AttendanceRead,
  type Draft,
  eventDay,
  eventWhen,
  markEveryonePresent,
  markOne,
  registerNoteId,
  registerState,
  tally,
  tallyWords,
  unmarked,
  unmarkedSentence,
} from './attendance-view.ts';
import { NoteField, PageForm } from './fields.tsx';
import { Link, type Navigate, names, TableHead, WarningText } from './ui.tsx';

const registerLink = (e: AttendanceEvent) => `/staff/attendance?event=${encodeURIComponent(e.id)}`;

/** Every meeting and session of the year, a row each: a held one links to its register. */
export const Registers = (props: { read: AttendanceRead; zone: string | undefined; navigate: Navigate }) => (
  <div class="app-table-scroll">
    <table class="govuk-table" id="registers">
      <caption class="govuk-visually-hidden">
        The meetings and mentoring sessions, and their registers
      </caption>
      <TableHead headings={['Meeting or session', 'When', 'Register']} />
      <tbody class="govuk-table__body">
        {props.read.events.map((e) => {
          const state = registerState(e);
          return (
            <tr class="govuk-table__row" key={e.id}>
              <th scope="row" class="govuk-table__header app-row-header">
                {e.held ? (
                  <Link href={registerLink(e)} navigate={props.navigate}>
                    {e.title}
                    <span class="govuk-visually-hidden">, {eventDay(e)}</span>
                  </Link>
                ) : (
                  e.title
                )}
                {e.groupName && <span class="app-attendance-group"> ({e.groupName})</span>}
              </th>
              <td class="govuk-table__cell">{eventWhen(e, props.zone)}</td>
              <td class="govuk-table__cell">
                {state.kind === 'not-held' ? (
                  <strong class="govuk-tag govuk-tag--grey">{state.words}</strong>
                ) : (
                  state.words
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);

/** Who a save counts as not present, before it is made: a GOV.UK warning text when anyone. */
const Unmarked = (props: { people: readonly { name: string }[] }) =>
  props.people.length === 0 ? (
    <p class="govuk-body" id="unmarked">
      Everyone is marked.
    </p>
  ) : (
    <WarningText id="unmarked">
      {unmarkedSentence(props.people.length)} <span class="app-normal">{names(props.people)}.</span>
    </WarningText>
  );

/**
 * An organizer's register of a meeting held: a row of radios each, "Mark everyone present" for
 * the rows not marked, the marks counted and anyone not marked named before saving, and a note.
 */
export const RegisterForm = (props: {
  event: AttendanceEvent;
  people: readonly AttendanceParticipant[];
  draft: Draft;
  errors: Record<string, string>;
  note: string;
  busy: boolean;
  onDraft: Dispatch<StateUpdater<Draft>>;
  onNote: (note: string) => void;
  onSave: () => void;
}) => (
  <PageForm labelledBy="register-form-heading" onSubmit={props.onSave}>
    <h2 class="govuk-heading-m" id="register-form-heading">
      Who was there
    </h2>
    <p class="govuk-body">
      Mark each participant present, absent or excused: only present counts towards the certificate.
    </p>
    <p class="govuk-hint" id="mark-everyone-hint">
      Those already marked keep their mark; then change the few who were not there.
    </p>
    <button
      type="button"
      class="govuk-button govuk-button--secondary"
      id="mark-everyone"
      aria-describedby="mark-everyone-hint"
      onClick={() => props.onDraft((d) => markEveryonePresent(props.event, d))}
    >
      Mark everyone present
    </button>
    <RegisterTable
      event={props.event}
      people={props.people}
      draft={props.draft}
      editable
      errors={props.errors}
      onMark={(participant, mark) => props.onDraft((d) => markOne(d, participant, mark))}
    />
    <p class="govuk-body" id="register-tally" aria-live="polite">
      On the page: {tallyWords(tally(props.event, props.draft))}.
    </p>
    <Unmarked people={unmarked(props.event, props.draft, props.people)} />
    <NoteField
      id={registerNoteId}
      label="Note (optional): why, for the history"
      rows={2}
      value={props.note}
      onInput={props.onNote}
    />
    <button type="submit" class="govuk-button" disabled={props.busy}>
      Save the register
    </button>
  </PageForm>
);
