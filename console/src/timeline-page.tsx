import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError, issuesOf, isVersionConflict, useProgram, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import type { Program } from './contract.ts';
import type { GroupsRead } from './groups-view.ts';
import { zoneName } from './settings-view.ts';
import { CancelConfirmation, EventForm } from './timeline-form.tsx';
import { placeIssues, savedWords, toldOfChange } from './timeline-save-view.ts';
import {
  draftOf,
  type EventDraft,
  eventOf,
  eventRow,
  sameEvent,
  type TimelineEvent,
  type TimelineRead,
  type TimelineSaved,
  timelineBody,
} from './timeline-view.ts';
import {
  type Done,
  DoneBanner,
  ErrorSummary,
  Link,
  Loading,
  messageOf,
  type Navigate,
  type Problem,
  SummaryList,
  TableHead,
} from './ui.tsx';

/** The events in order, each with its "Change" link, or why it can no longer change. */
const EventList = (props: {
  read: TimelineRead;
  themes: Program['themes'];
  groups: GroupsRead['groups'];
  navigate: Navigate;
}) => (
  <table class="govuk-table" id="timeline" aria-labelledby="timeline-heading">
    <TableHead headings={['Date', 'Kind', 'Title', 'Theme', 'Group', 'Join link', 'Action']} />
    <tbody class="govuk-table__body">
      {props.read.timeline.map((event) => {
        const row = eventRow(event, {
          timeZone: props.read.timeZone,
          themes: props.themes,
          groups: props.groups,
        });
        const begun = props.read.begun?.includes(event.id);
        return (
          <tr class="govuk-table__row" key={event.id} id={`event-${event.id}`}>
            <td class="govuk-table__cell">{row.when}</td>
            <td class="govuk-table__cell">{row.kind}</td>
            <th scope="row" class="govuk-table__header">
              {row.title}
            </th>
            <td class="govuk-table__cell">{row.theme}</td>
            <td class="govuk-table__cell">{row.group}</td>
            <td class="govuk-table__cell">{row.joinLink}</td>
            <td class="govuk-table__cell">
              {begun ? (
                'Begun: it can no longer change'
              ) : (
                <Link
                  href={`/staff/timeline?event=${encodeURIComponent(event.id)}`}
                  navigate={props.navigate}
                >
                  Change
                  <span class="govuk-visually-hidden">
                    {' '}
                    {row.title}, {row.when}
                  </span>
                </Link>
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  </table>
);

/**
 * The program's timeline (`/staff/timeline`, organizers): every event in order, and one event's
 * form at `?event=<id>`. A save sends the whole timeline read with that event changed (or, after
 * a confirmation, removed) at the version read; the API emails the participants whose calendars
 * change and brings the reminders in line, and the page says who was told and what followed.
 */
export const TimelinePage = (props: {
  api: Api;
  config: ConsoleConfig;
  search: string;
  navigate: Navigate;
}) => {
  const programPath = `/programs/${encodeURIComponent(props.config.programId)}`;
  const path = `${programPath}/timeline`;
  const reading = useRead(() => props.api.get<TimelineRead>(path), [path]);
  const read = reading.data;
  // The themes' labels and the groups name what the list shows and the form offers.
  const themes = useProgram(props.api, props.config.programId)?.themes ?? [];
  const groups = useRead(
    () => props.api.get<GroupsRead>(`${programPath}/mentoring-groups`),
    [programPath],
  ).data;
  const [draft, setDraft] = useState<EventDraft>();
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Done>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [focusOn, setFocusOn] = useState<string>();

  const editing = new URLSearchParams(props.search).get('event') ?? undefined;
  const event = read?.timeline.find((e) => e.id === editing);
  const begun = !!event && !!read?.begun?.includes(event.id);

  // Opening an event, or going back to the list, starts afresh: what was said and typed goes.
  useEffect(() => {
    if (editing) setDone(undefined);
    setProblems([]);
    setNote('');
  }, [editing]);
  // The form starts from the event as read, and again once the timeline is read anew.
  useEffect(() => {
    setDraft(event && draftOf(event));
    setErrors({});
    setConfirming(false);
  }, [editing, read?.timelineVersion]);
  useEffect(() => {
    if (!focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(undefined);
  }, [focusOn]);

  const changedEvent = event && draft ? eventOf(event, draft) : undefined;
  /** Who a change will email; unknown until the participants are read. */
  const told = (after: TimelineEvent | undefined) =>
    event && groups ? toldOfChange(event, after, groups.participants) : undefined;

  const refused = async (error: unknown, index: number, sentDraft: EventDraft | undefined) => {
    if (isVersionConflict(error)) {
      const fresh = await reading.reload().catch(() => undefined);
      return setProblems([
        {
          message: `Someone else changed the timeline while you had it open. The page now shows it as it is (version ${fresh?.timelineVersion ?? '?'}): check the event and make your change again.`,
        },
      ]);
    }
    const issues = issuesOf(error);
    if (issues.length && sentDraft) {
      const placed = placeIssues(issues, index, sentDraft);
      setErrors(placed.beside);
      return setProblems(placed.problems);
    }
    // An event begun meanwhile: read again, the page shows it as fixed; the API's sentence says why.
    if (error instanceof ApiError && error.status === 409) await reading.reload().catch(() => undefined);
    // Anything else: the API's sentence, and what was typed stays.
    setProblems([{ message: messageOf(error) }]);
  };

  /** Sends the timeline with the event changed, or removed when `after` is undefined. */
  const send = async (after: TimelineEvent | undefined) => {
    if (!read || !event) return;
    setDone(undefined);
    setErrors({});
    const { index, body } = timelineBody(read, event.id, after, note);
    const hearing = told(after)?.length;
    const sentDraft = draft;
    setBusy(true);
    try {
      const answer = await props.api.put<TimelineSaved>(path, body);
      setProblems([]);
      setNote('');
      setDone({ at: Date.now(), ...savedWords(after?.title ?? event.title, !after, hearing, answer) });
      await reading.reload();
      props.navigate('/staff/timeline');
      setFocusOn(undefined);
    } catch (error) {
      setConfirming(false);
      await refused(error, index, sentDraft);
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (!event || !changedEvent) return;
    if (sameEvent(changedEvent, event)) {
      setErrors({});
      return setProblems([{ message: 'Change something in the event before saving' }]);
    }
    void send(changedEvent);
  };

  const zone = read?.timeZone ?? '';
  return (
    <>
      <h1 class="govuk-heading-l">Timeline</h1>
      <ErrorSummary problems={reading.problems(problems)} />
      {!editing && <DoneBanner done={done} />}
      <Loading reading={reading} text="Loading the timeline…" />
      {read && !editing && (
        <>
          <p class="govuk-body">
            The program’s meetings, mentoring sessions and mailings, in order. A change or a cancellation
            emails each participant whose calendar it changes once, and the reminders follow it. An event can
            change until it begins.
          </p>
          <SummaryList
            id="timeline-about"
            rows={[
              ['Time zone', `${zoneName(zone)} (${zone}): times are in it unless an event says otherwise`],
              ['Version', read.timelineVersion],
            ]}
          />
          <h2 class="govuk-heading-m" id="timeline-heading">
            Events
          </h2>
          <EventList read={read} themes={themes} groups={groups?.groups ?? []} navigate={props.navigate} />
        </>
      )}
      {read && editing && !event && (
        <p class="govuk-body" id="event-missing">
          This event is not on the timeline (any more).{' '}
          <Link href="/staff/timeline" navigate={props.navigate}>
            Back to the timeline
          </Link>
        </p>
      )}
      {read && event && begun && (
        <section aria-labelledby="event-heading">
          <h2 class="govuk-heading-m" id="event-heading" tabIndex={-1}>
            {event.title}
          </h2>
          <p class="govuk-body" id="event-begun">
            It has begun: it can no longer change.{' '}
            <Link href="/staff/timeline" navigate={props.navigate}>
              Back to the timeline
            </Link>
          </p>
        </section>
      )}
      {read && event && !begun && draft && changedEvent && !confirming && (
        <EventForm
          event={event}
          zone={zone}
          themes={themes}
          groups={groups?.groups ?? []}
          draft={draft}
          errors={errors}
          note={note}
          told={told(changedEvent)}
          busy={busy}
          navigate={props.navigate}
          onChange={(change) => setDraft((d) => d && { ...d, ...change })}
          onNote={setNote}
          onFocus={setFocusOn}
          onSave={save}
          onCancelEvent={() => {
            setProblems([]);
            setConfirming(true);
          }}
        />
      )}
      {read && event && !begun && confirming && (
        <CancelConfirmation
          event={event}
          zone={zone}
          told={told(undefined)}
          note={note}
          busy={busy}
          onNote={setNote}
          onConfirm={() => void send(undefined)}
          onKeep={() => {
            setConfirming(false);
            setFocusOn('event-heading');
          }}
        />
      )}
    </>
  );
};
