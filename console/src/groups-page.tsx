import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError, issuesOf, isVersionConflict, useProgram, useRead } from './api.ts';
import type { ConsoleConfig } from './auth.ts';
import { GroupCard } from './groups-cards.tsx';
import { Register } from './groups-register.tsx';
import {
  addGroup,
  changed,
  changeGroup,
  type Draft,
  draftOf,
  type GroupsRead,
  groupFieldId,
  groupIds,
  groupLabel,
  groupsBody,
  noteFieldId,
  placeIssues,
  placeParticipant,
  removeGroup,
  type Sent,
  toldOfChange,
  toldSentence,
  ungrouped,
} from './groups-view.ts';
import {
  Banner,
  type Done,
  ErrorSummary,
  Loading,
  messageOf,
  NoteField,
  names,
  type Problem,
  SummaryList,
} from './ui.tsx';

/** Who a save will email, before it is made: a GOV.UK warning text when someone will be. */
const WhoHears = (props: { read: GroupsRead; draft: Draft }) => {
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
    <div class="govuk-warning-text" id="told-count">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">Warning: </span>
        {toldSentence(told.length)} <span class="app-normal">{names(told)}.</span>
      </div>
    </div>
  );
};

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
    if (error instanceof ApiError && error.status === 409) {
      setStale(true);
      return setProblems([
        {
          message: isVersionConflict(error)
            ? `Someone else changed the groups while you had them open. ${error.message}.`
            : error.message,
        },
      ]);
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
  const ids = read && draft ? groupIds(read, draft) : new Map<string, string>();
  const without = read && draft ? ungrouped(read, draft) : [];
  const groups = read && draft && (
    <section aria-labelledby="groups-heading">
      <h2 class="govuk-heading-m" id="groups-heading">
        The groups
      </h2>
      {draft.groups.length === 0 && (
        <p class="govuk-body" id="no-groups">
          No mentoring groups yet.{edit && ' Add one, then choose its members below.'}
        </p>
      )}
      {draft.groups.map((g) => {
        const saved = read.groups.find((s) => s.id === g.savedId);
        return (
          <GroupCard
            key={g.key}
            label={groupLabel(draft, g.key)}
            titleId={`group-${g.key}-title`}
            mentor={g.mentor}
            members={read.participants.filter((p) => draft.placed[p.id] === g.key)}
            sessions={saved?.sessions ?? []}
            programZone={zone}
            {...(edit
              ? {
                  editing: {
                    group: g,
                    id: ids.get(g.key) ?? '',
                    errors,
                    onChange: (change) => setDraft((d) => d && changeGroup(d, g.key, change)),
                    onRemove: () => {
                      setDraft((d) => d && removeGroup(d, g.key));
                      setFocusOn('add-group');
                    },
                  },
                }
              : {})}
          />
        );
      })}
      {edit && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          id="add-group"
          onClick={() => {
            const added = addGroup(draft);
            setDraft(added.draft);
            setFocusOn(groupFieldId(added.key, 'name'));
          }}
        >
          Add a group
        </button>
      )}
    </section>
  );
  const register = read && draft && (
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
        editable={edit}
        errors={errors}
        onPlace={(participant, key) => setDraft((d) => d && placeParticipant(d, participant, key))}
      />
    </section>
  );

  return (
    <>
      <h1 class="govuk-heading-l">Mentoring groups</h1>
      <ErrorSummary problems={reading.problems(problems)} />
      {stale && (
        <div class="app-panel" id="reload">
          <p class="govuk-body">
            Reloading shows the groups as they are saved now; the changes made here are lost.
          </p>
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            disabled={busy}
            onClick={() => void reload()}
          >
            Reload the groups
          </button>
        </div>
      )}
      {done && (
        <Banner key={done.at} message={done.message} {...(done.detail ? { detail: done.detail } : {})} />
      )}
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
              ['Without a group', without.length],
              ['Version', read.groupsVersion],
            ]}
          />
          {edit ? (
            <form
              noValidate
              aria-label="The mentoring groups"
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
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
            </form>
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
