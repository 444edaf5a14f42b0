import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiError, issuesOf, isVersionConflict, useProgram, useRead } from './api.ts';
import { RegisterTable } from './attendance-register.tsx';
import {
  type AttendanceEvent,
  type AttendanceRead,
  type Draft,
  draftOf,
  eventDay,
  eventName,
  eventWhen,
  markEveryonePresent,
  markOne,
  placeIssues,
  type RegisterSaved,
  registerBody,
  registerChanged,
  registerNoteId,
  registerState,
  reloadDraft,
  ruleSentence,
  tally,
  tallyWords,
  unmarked,
  unmarkedSentence,
} from './attendance-view.ts';
import { YearTable } from './attendance-year.tsx';
import type { ConsoleConfig } from './auth.ts';
import {
  Banner,
  type Done,
  ErrorSummary,
  Link,
  Loading,
  messageOf,
  type Navigate,
  NoteField,
  names,
  type Problem,
  SummaryList,
} from './ui.tsx';

const registerLink = (e: AttendanceEvent) => `/staff/attendance?event=${encodeURIComponent(e.id)}`;

/** Every meeting and session of the year, a row each: a held one links to its register. */
const Registers = (props: { read: AttendanceRead; zone: string | undefined; navigate: Navigate }) => (
  <div class="app-table-scroll">
    <table class="govuk-table" id="registers">
      <caption class="govuk-visually-hidden">
        The meetings and mentoring sessions, and their registers
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Meeting or session
          </th>
          <th scope="col" class="govuk-table__header">
            When
          </th>
          <th scope="col" class="govuk-table__header">
            Register
          </th>
        </tr>
      </thead>
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
    <div class="govuk-warning-text" id="unmarked">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning: </span>
        {unmarkedSentence(props.people.length)} <span class="app-normal">{names(props.people)}.</span>
      </div>
    </div>
  );

/**
 * Attendance (`/staff/attendance`, staff): the year's meetings and sessions with their registers,
 * and each participant's year against the certificate rule; `?event=<id>` is one register. An
 * organizer keeps a register of a meeting held (present, absent or excused for each participant
 * it is for) and saves it whole at the version read; reviewers read the same.
 */
export const AttendancePage = (props: {
  api: Api;
  config: ConsoleConfig;
  organizer: boolean;
  search: string;
  navigate: Navigate;
}) => {
  const programId = encodeURIComponent(props.config.programId);
  const path = `/programs/${programId}/attendance`;
  const eventId = new URLSearchParams(props.search).get('event') ?? undefined;
  const reading = useRead(() => props.api.get<AttendanceRead>(path), [path]);
  const read = reading.data;
  // The program's zone names the zone of a meeting's time; the page does without it.
  const zone = useProgram(props.api, props.config.programId)?.timeZone;
  const [draft, setDraft] = useState<Draft>({});
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  const [done, setDone] = useState<Done>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const arrived = useRef(false);

  const event = eventId ? read?.events.find((e) => e.id === eventId) : undefined;

  // Another register, or the list: what was marked, said or refused on the page before goes.
  useEffect(() => {
    if (event) setDraft(draftOf(event));
    setNote('');
    setErrors({});
    setStale(false);
    setDone(undefined);
    if (read) setProblems([]);
  }, [eventId, read !== undefined]);
  // Moving between the list and a register, the focus goes to the new view's heading.
  useEffect(() => {
    if (arrived.current) heading.current?.focus();
    arrived.current = true;
  }, [eventId]);

  const refused = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      setStale(true);
      return setProblems([
        {
          message: isVersionConflict(error)
            ? `Someone else saved this register while you had it open. ${error.message}.`
            : error.message,
        },
      ]);
    }
    const issues = issuesOf(error);
    if (issues.length && read) {
      const placed = placeIssues(issues, read.participants);
      setErrors(placed.beside);
      // Someone no longer a participant: reading the register again shows who it is for now.
      if (Object.keys(placed.beside).length) setStale(true);
      return setProblems(placed.problems);
    }
    setProblems([{ message: messageOf(error) }]);
  };

  const save = async (kept: AttendanceEvent) => {
    if (!read) return;
    setDone(undefined);
    setErrors({});
    setStale(false);
    if (kept.version > 0 && !registerChanged(kept, draft) && !note.trim())
      return setProblems([{ message: 'Change a mark before saving' }]);
    setBusy(true);
    try {
      const saved = await props.api.put<RegisterSaved>(
        `${path}/${encodeURIComponent(kept.id)}`,
        registerBody(kept, draft, read.participants, note),
      );
      setProblems([]);
      setNote('');
      setDone({
        at: Date.now(),
        message: 'Register saved',
        detail: `Version ${saved.version}: ${tallyWords(tally({ ...kept, marks: saved.marks }))}.`,
      });
      const fresh = (await reading.reload()).events.find((e) => e.id === kept.id);
      if (fresh) setDraft(draftOf(fresh));
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  const reload = async (before: AttendanceEvent) => {
    setBusy(true);
    try {
      const fresh = (await reading.reload()).events.find((e) => e.id === before.id);
      const again = fresh && reloadDraft(before, draft, fresh);
      if (again) setDraft(again.draft);
      setProblems([]);
      setErrors({});
      setStale(false);
      setDone({
        at: Date.now(),
        message: again?.kept
          ? 'The register read again, with your marks for those it is for'
          : 'The register as it is saved now',
      });
    } catch (error) {
      setProblems([{ message: messageOf(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const banner = done && (
    <Banner key={done.at} message={done.message} {...(done.detail ? { detail: done.detail } : {})} />
  );

  if (read && event) {
    const { held } = event;
    const expected = read.participants.filter((p) => event.expected.includes(p.id));
    const notMarked = unmarked(event, draft, read.participants);
    const state = registerState(event);
    return (
      <>
        <p class="govuk-body">
          <Link href="/staff/attendance" navigate={props.navigate} class="govuk-back-link">
            All the registers and the year
          </Link>
        </p>
        <ErrorSummary problems={problems} />
        {stale && (
          <div class="app-panel" id="reload">
            <p class="govuk-body">
              Reading the register again shows who it is for now. If nobody else saved it meanwhile, your
              marks stay; if someone did, it shows theirs.
            </p>
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              disabled={busy}
              onClick={() => void reload(event)}
            >
              Reload the register
            </button>
          </div>
        )}
        {banner}
        <span class="govuk-caption-l">
          {event.kind === 'meeting' ? 'Register of a monthly meeting' : 'Register of a mentoring session'}
        </span>
        <h1 class="govuk-heading-l" id="register-heading" tabIndex={-1} ref={heading}>
          {eventName(event)}
        </h1>
        <SummaryList
          id="register-about"
          rows={[
            ['When', eventWhen(event, zone)],
            [
              'For',
              `${event.groupName ? `The group ${event.groupName}` : 'Every participant'}: ${expected.length} ${expected.length === 1 ? 'person' : 'people'}`,
            ],
            ['Register', state.kind === 'kept' ? `${state.words} (version ${event.version})` : state.words],
          ]}
        />
        {!held ? (
          <div class="govuk-inset-text" id="not-held">
            Not held yet: its register is kept once it has begun.
          </div>
        ) : props.organizer ? (
          <form
            noValidate
            aria-labelledby="register-form-heading"
            onSubmit={(e) => {
              e.preventDefault();
              void save(event);
            }}
          >
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
              onClick={() => setDraft((d) => markEveryonePresent(event, d))}
            >
              Mark everyone present
            </button>
            <RegisterTable
              event={event}
              people={read.participants}
              draft={draft}
              editable
              errors={errors}
              onMark={(participant, mark) => setDraft((d) => markOne(d, participant, mark))}
            />
            <p class="govuk-body" id="register-tally" aria-live="polite">
              On the page: {tallyWords(tally(event, draft))}.
            </p>
            <Unmarked people={notMarked} />
            <NoteField
              id={registerNoteId}
              label="Note (optional): why, for the history"
              rows={2}
              value={note}
              onInput={setNote}
            />
            <button type="submit" class="govuk-button" disabled={busy}>
              Save the register
            </button>
          </form>
        ) : (
          <>
            <p class="govuk-body">Only organizers keep the registers.</p>
            <RegisterTable
              event={event}
              people={read.participants}
              draft={draftOf(event)}
              editable={false}
              errors={{}}
              onMark={() => {}}
            />
          </>
        )}
      </>
    );
  }

  return (
    <>
      <h1 class="govuk-heading-l" id="attendance-heading" tabIndex={-1} ref={heading}>
        Attendance
      </h1>
      <ErrorSummary problems={reading.problems(problems)} />
      {banner}
      <Loading reading={reading} text="Loading the registers…" />
      {read && eventId && (
        <p class="govuk-body" id="no-such-event">
          The program has no meeting or session “{eventId}”.
        </p>
      )}
      {read && (
        <>
          <p class="govuk-body" id="attendance-rule">
            {ruleSentence(read)}
          </p>
          <p class="govuk-body">
            A meeting whose register nobody kept counts as attended by everyone; in a register that was kept,
            someone not marked counts as not present.
            {props.organizer
              ? ' Choose a meeting held to keep its register.'
              : ' Only organizers keep the registers.'}
          </p>
          <section aria-labelledby="registers-heading">
            <h2 class="govuk-heading-m" id="registers-heading">
              The registers
            </h2>
            <Registers read={read} zone={zone} navigate={props.navigate} />
          </section>
          <section aria-labelledby="year-heading">
            <h2 class="govuk-heading-m" id="year-heading">
              The year
            </h2>
            <YearTable read={read} />
          </section>
        </>
      )}
    </>
  );
};
