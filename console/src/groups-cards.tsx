import type { Dispatch, StateUpdater } from 'preact/hooks';
import { TextField } from './fields.tsx';
import {
  addGroup,
  changeGroup,
  type Draft,
  type DraftGroup,
  formatSession,
  type GroupsRead,
  groupFieldId,
  groupIds,
  groupLabel,
  type Member,
  removeGroup,
  type Session,
} from './groups-view.ts';
import { SummaryList, Tag } from './ui.tsx';

/** "Not yet told": a participant who has not heard of their selection, and so hears nothing of their group. */
export const NotYetTold = () => <Tag value="not-told" label="Not yet told" />;

const Members = (props: { members: readonly Member[] }) =>
  props.members.length === 0 ? (
    'No members yet'
  ) : (
    <ul class="govuk-list app-members">
      {props.members.map((m) => (
        <li key={m.id}>
          {m.name}, {m.library}, {m.city} {!m.told && <NotYetTold />}
        </li>
      ))}
    </ul>
  );

const Sessions = (props: { sessions: readonly Session[]; programZone: string | undefined }) =>
  props.sessions.length === 0 ? (
    'None on the timeline'
  ) : (
    <ul class="govuk-list">
      {props.sessions.map((s) => (
        <li key={s.id}>
          {s.title}: {formatSession(s, props.programZone)}
        </li>
      ))}
    </ul>
  );

/** What an organizer edits of a group, and removes it with. */
export interface Editing {
  group: DraftGroup;
  /** The id it has or will have: what the timeline's sessions name. */
  id: string;
  errors: Record<string, string>;
  onChange: (change: Partial<Pick<DraftGroup, 'name' | 'mentor'>>) => void;
  onRemove: () => void;
}

/**
 * A group as a GOV.UK summary card: its name, mentor, members and sessions. For an organizer the
 * name and mentor are inputs and the card has a button to remove the group.
 */
export const GroupCard = (props: {
  label: string;
  titleId: string;
  mentor: string;
  members: readonly Member[];
  sessions: readonly Session[];
  programZone: string | undefined;
  editing?: Editing;
}) => {
  const { editing } = props;
  const key = editing?.group.key;
  return (
    <section class="govuk-summary-card" aria-labelledby={props.titleId}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" id={props.titleId}>
          {props.label}
        </h3>
        {editing && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary app-card-button"
            onClick={editing.onRemove}
          >
            Remove<span class="govuk-visually-hidden"> {props.label}</span>
          </button>
        )}
      </div>
      <div class="govuk-summary-card__content">
        {editing && key && (
          <>
            <TextField
              id={groupFieldId(key, 'name')}
              label="Name"
              hint={`Its id on the timeline: ${editing.id}${editing.group.savedId ? '' : ' (from its name)'}`}
              value={editing.group.name}
              error={editing.errors[groupFieldId(key, 'name')]}
              width="govuk-input--width-30"
              autocomplete="off"
              spellcheck={false}
              onInput={(name) => editing.onChange({ name })}
            />
            <TextField
              id={groupFieldId(key, 'mentor')}
              label="Mentor"
              hint="As participants read it: name, library"
              value={editing.group.mentor}
              error={editing.errors[groupFieldId(key, 'mentor')]}
              width="govuk-input--width-30"
              autocomplete="off"
              spellcheck={false}
              onInput={(mentor) => editing.onChange({ mentor })}
            />
          </>
        )}
        <SummaryList
          rows={[
            ...(editing ? [] : [['Mentor', props.mentor] satisfies [string, string]]),
            [`Members (${props.members.length})`, <Members key="members" members={props.members} />],
            [
              'Sessions',
              <Sessions key="sessions" sessions={props.sessions} programZone={props.programZone} />,
            ],
          ]}
        />
        {editing && props.sessions.length > 0 && (
          <p class="govuk-hint">
            Its sessions are on the timeline: the group cannot be removed until they are given to another
            group.
          </p>
        )}
      </div>
    </section>
  );
};

/**
 * The groups, a card each, and "Add a group" for an organizer: a new group's name takes the focus,
 * and after a removal the focus goes to "Add a group".
 */
export const GroupsSection = (props: {
  read: GroupsRead;
  draft: Draft;
  zone: string | undefined;
  errors: Record<string, string>;
  edit: boolean;
  onDraft: Dispatch<StateUpdater<Draft | undefined>>;
  onFocus: (id: string) => void;
}) => {
  const { read, draft, edit } = props;
  const ids = groupIds(read, draft);
  return (
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
            programZone={props.zone}
            {...(edit
              ? {
                  editing: {
                    group: g,
                    id: ids.get(g.key) ?? '',
                    errors: props.errors,
                    onChange: (change) => props.onDraft((d) => d && changeGroup(d, g.key, change)),
                    onRemove: () => {
                      props.onDraft((d) => d && removeGroup(d, g.key));
                      props.onFocus('add-group');
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
            props.onDraft(added.draft);
            props.onFocus(groupFieldId(added.key, 'name'));
          }}
        >
          Add a group
        </button>
      )}
    </section>
  );
};
