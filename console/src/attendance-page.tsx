import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, conflictWords, issuesOf, useProgram, useRead } from './api.ts';
import { RegisterTable } from './attendance-register.tsx';
import { RegisterForm, Registers } from './attendance-registers.tsx';
import {
  type AttendanceEvent,
  type AttendanceRead,
  type Draft,
  draftOf,
  eventName,
  eventWhen,
  placeIssues,
  type RegisterSaved,
  registerBody,
  registerChanged,
  registerState,
  reloadDraft,
  ruleSentence,
  tally,
  tallyWords,
  unmarked,
} from './attendance-view.ts';
import { YearTable } from './attendance-year.tsx';
import type { ConsoleConfig } from './auth.ts';
import {
  type Done,
  DoneBanner,
  ErrorSummary,
  Link,
  Loading,
  messageOf,
  type Navigate,
  type Problem,
  ReloadPanel,
  SummaryList,
} from './ui.tsx';

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
    const conflict = conflictWords(error, 'Someone else saved this register while you had it open.');
    if (conflict) {
      setStale(true);
      return setProblems([{ message: conflict }]);
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

  if (read && event) {
    const { held } = event;
    const expected = read.participants.filter((p) => event.expected.includes(p.id));
    const _notMarked = unmarked(event, draft, read.participants);
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
          <ReloadPanel label="Reload the register" busy={busy} onReload={() => void reload(event)}>
            Reading the register again shows who it is for now. If nobody else saved it meanwhile, your marks
            stay; if someone did, it shows theirs.
          </ReloadPanel>
        )}
        <DoneBanner done={done} />
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
          <RegisterForm
            event={event}
            people={read.participants}
            draft={draft}
            errors={errors}
            note={note}
            busy={busy}
            onDraft={setDraft}
            onNote={setNote}
            onSave={() => void save(event)}
          />
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
      <DoneBanner done={done} />
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
