import { useEffect, useState } from 'preact/hooks';
import { type Api, conflictWords, issuesOf, useProgram, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import { NoteField, PageForm } from './fields.tsx';
import { GroupsSection } from './groups-cards.tsx';
import { RegisterSection, WhoHears } from './groups-register.tsx';
import {
  changed,
  type Draft,
  draftOf,
  type GroupsRead,
  groupsBody,
  noteFieldId,
  placeIssues,
  placeParticipant,
  type Sent,
  toldOfChange,
  ungrouped,
} from './groups-view.ts';
import {
  type Done,
  DoneBanner,
  ErrorSummary,
  Loading,
  messageOf,
  type Problem,
  ReloadPanel,
  SummaryList,
} from './ui.tsx';

/**
 * The mentoring groups (`/staff/groups`, staff): each group with its mentor, members and sessions,
 * and every participant with their group. Organizers edit the whole arrangement on the page (the
 * groups' names and mentors, a group added or removed, each participant's group in a select) and
 * save it at the version read; the API emails each participant told of their selection whose
 * group changes, and the page says how many before saving. Reviewers see the same, to read.
 */
export const GroupsPage = (props: { api: Api; config: ConsoleConfig; organizer: boolean }) => {
  const programId = encodeURIComponent(props.config.programId);
  const path = `/programs/${programId}/mentoring-groups`;
  const [draft, setDraft] = useState<Draft>();
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stale, setStale] = useState(false);
  const [done, setDone] = useState<Done>();
  const [busy, setBusy] = useState(false);
  const [focusOn, setFocusOn] = useState<string>();

  /** The groups as they are saved, on the page: what was changed here is replaced. */
  const reading = useRead(() => props.api.get<GroupsRead>(path), [path], {
    shown: (next) => {
      setDraft(draftOf(next));
      setErrors({});
    },
  });
  const read = reading.data;
  // The program's zone names the zone of a session's time; the page does without it.
  const zone = useProgram(props.api, props.config.programId)?.timeZone;
  useEffect(() => {
    if (!focusOn) return;
    document.getElementById(focusOn)?.focus();
    setFocusOn(undefined);
  }, [focusOn]);

  const reload = async () => {
    setBusy(true);
    try {
      await reading.reload();
      setProblems([]);
      setStale(false);
      setDone({ at: Date.now(), message: 'The groups as they are saved now' });
    } catch (error) {
      setProblems([{ message: messageOf(error) }]);
    } finally {
      setBusy(false);
    }
  };

  const refused = (error: unknown, sent: Sent, participants: GroupsRead['participants']) => {
    const conflict = conflictWords(error, 'Someone else changed the groups while you had them open.');
    if (conflict) {
      setStale(true);
      return setProblems([{ message: conflict }]);
    }
    const issues = issuesOf(error);
    if (issues.length) {
      const placed = placeIssues(issues, sent, participants);
      setErrors(placed.beside);
      return setProblems(placed.problems);
    }
    setProblems([{ message: messageOf(error) }]);
  };

  const save = async () => {
    if (!read || !draft) return;
    setDone(undefined);
    setErrors({});
    setStale(false);
    if (!changed(read, draft))
      return setProblems([{ message: 'Change a group or a participant’s group before saving' }]);
    const body = groupsBody(read, draft, note);
    const told = toldOfChange(read, draft).length;
    setBusy(true);
    try {
      reading.show(await props.api.put<GroupsRead>(path, body));
      setProblems([]);
      setNote('');
      setDone({
        at: Date.now(),
        message: 'Groups saved',
        detail: told
          ? `${told} ${told === 1 ? 'participant is' : 'participants are'} being told of their new group by email.`
          : 'Nobody was emailed.',
      });
    } catch (error) {
      refused(error, { keys: draft.groups.map((g) => g.key), groups: body.groups }, read.participants);
    } finally {
      setBusy(false);
    }
  };

  const edit = props.organizer;
  const groups = read && draft && (
    <GroupsSection
      read={read}
      draft={draft}
      zone={zone}
      errors={errors}
      edit={edit}
      onDraft={setDraft}
      onFocus={setFocusOn}
    />
  );
  const register = read && draft && (
    <RegisterSection
      read={read}
      draft={draft}
      errors={errors}
      edit={edit}
      onPlace={(participant, key) => setDraft((d) => d && placeParticipant(d, participant, key))}
    />
  );

  return (
    <>
      <h1 class="govuk-heading-l">Mentoring groups</h1>
      <ErrorSummary problems={reading.problems(problems)} />
      {stale && (
        <ReloadPanel label="Reload the groups" busy={busy} onReload={() => void reload()}>
          Reloading shows the groups as they are saved now; the changes made here are lost.
        </ReloadPanel>
      )}
      <DoneBanner done={done} />
      <Loading reading={reading} text="Loading the groups…" />
      {read && draft && (
        <>
          <p class="govuk-body">
            Each group has a mentor and some of the participants. A group’s sessions on the timeline remind
            and tell its members only. Participants hear of their group once they have been told of their
            selection.
            {!edit && ' Only organizers change the groups.'}
          </p>
          <SummaryList
            id="groups-about"
            rows={[
              ['Groups', draft.groups.length],
              ['Participants', read.participants.length],
              ['Without a group', ungrouped(read, draft).length],
              ['Version', read.groupsVersion],
            ]}
          />
          {edit ? (
            <PageForm label="The mentoring groups" onSubmit={() => void save()}>
              {groups}
              {register}
              <section aria-labelledby="save-heading">
                <h2 class="govuk-heading-m" id="save-heading">
                  Save the groups
                </h2>
                <WhoHears read={read} draft={draft} />
                <NoteField
                  id={noteFieldId}
                  label="Note (optional): why, for the history"
                  rows={3}
                  value={note}
                  onInput={setNote}
                />
                <button type="submit" class="govuk-button" disabled={busy}>
                  Save groups
                </button>
              </section>
            </PageForm>
          ) : (
            <>
              {groups}
              {register}
            </>
          )}
        </>
      )}
    </>
  );
};
