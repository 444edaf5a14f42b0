/**
 * A program's mentoring groups as the API answers them, and what the console works out from them,
 * kept apart from the components so it is tested without a browser: the arrangement being edited
 * (the draft), the body of a save, who will be emailed of it, the API's issues placed on the
 * fields, and a session's date in words.
 */
import type { TimelineEventWhen } from '#shared/domain/program';
import type { GroupsBody, GroupsRead } from './contract.ts';
import { formatDay, type Issue, zoneName } from './settings-view.ts';

/** What `GET` and `PUT /programs/{programId}/mentoring-groups` answer. */
export type { GroupsRead, Issue, TimelineEventWhen };
export type GroupRead = GroupsRead['groups'][number];
/** A participant as the API describes them: `told` when they have heard of their selection. */
export type Member = GroupRead['members'][number];
/** A session of a group on the program's timeline; its wall time is in `timeZone` or the program's. */
export type Session = GroupRead['sessions'][number];
/** Everyone holding a place, sorted by name, with the id of their group. */
export type Participant = GroupsRead['participants'][number];

/** A group as the page edits it: `key` names it on the page, `savedId` is its id once saved. */
export interface DraftGroup {
  key: string;
  savedId?: string;
  name: string;
  mentor: string;
}

/** The arrangement on the page: the groups in order and each participant's group key ('' for none). */
export interface Draft {
  groups: DraftGroup[];
  placed: Record<string, string>;
  /** The number of the next key. */
  next: number;
}

/** A group as `PUT` takes it. */
export type GroupBody = GroupsBody['groups'][number];

/** The arrangement as it was read, for the page to edit. */
export const draftOf = (read: GroupsRead): Draft => {
  const groups = read.groups.map((g, i) => ({
    key: `g${i + 1}`,
    savedId: g.id,
    name: g.name,
    mentor: g.mentor,
  }));
  const keyOf = new Map(groups.map((g) => [g.savedId, g.key]));
  return {
    groups,
    placed: Object.fromEntries(read.participants.map((p) => [p.id, (p.group && keyOf.get(p.group)) ?? ''])),
    next: groups.length + 1,
  };
};

/** The draft with a new, empty group at the end, and the new group's key. */
export const addGroup = (draft: Draft): { draft: Draft; key: string } => {
  const key = `g${draft.next}`;
  return {
    draft: { ...draft, groups: [...draft.groups, { key, name: '', mentor: '' }], next: draft.next + 1 },
    key,
  };
};

/** The draft without this group: its members are in no group. */
export const removeGroup = (draft: Draft, key: string): Draft => ({
  ...draft,
  groups: draft.groups.filter((g) => g.key !== key),
  placed: Object.fromEntries(Object.entries(draft.placed).map(([id, k]) => [id, k === key ? '' : k])),
});

export const changeGroup = (
  draft: Draft,
  key: string,
  change: Partial<Pick<DraftGroup, 'name' | 'mentor'>>,
) => ({
  ...draft,
  groups: draft.groups.map((g) => (g.key === key ? { ...g, ...change } : g)),
});

export const placeParticipant = (draft: Draft, participant: string, key: string): Draft => ({
  ...draft,
  placed: { ...draft.placed, [participant]: key },
});

/** How the page names a group: its name, or "New group 3" until it has one. */
export const groupLabel = (draft: Draft, key: string) => {
  const index = draft.groups.findIndex((g) => g.key === key);
  const name = draft.groups[index]?.name.trim();
  return name || `New group ${index + 1}`;
};

const idLength = 40;

/** "Lisbon circle" → "lisbon-circle": lower-case words of a–z and 0–9 joined by hyphens, 40 at most. */
export const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, idLength)
    .replace(/-+$/, '');

/** The slug of a name not among those taken: "lisbon-circle", then "lisbon-circle-2"… */
export const uniqueSlug = (name: string, taken: ReadonlySet<string>) => {
  const base = slugOf(name) || 'group';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, idLength - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
};

/**
 * Each group's id by key: a saved group keeps its id (the timeline's sessions name it); a new one
 * takes its name's slug, unlike every other group's and every group's read, so a new group never
 * takes over the sessions of one removed.
 */
export const groupIds = (read: GroupsRead, draft: Draft): Map<string, string> => {
  const taken = new Set([...read.groups.map((g) => g.id), ...draft.groups.flatMap((g) => g.savedId ?? [])]);
  const ids = new Map<string, string>();
  for (const g of draft.groups) {
    const id = g.savedId ?? uniqueSlug(g.name, taken);
    taken.add(id);
    ids.set(g.key, id);
  }
  return ids;
};

/** The groups as `PUT` takes them: members in the order read, then those added, in name order. */
export const groupsOf = (read: GroupsRead, draft: Draft): GroupBody[] => {
  const ids = groupIds(read, draft);
  return draft.groups.map((g) => {
    const saved = read.groups.find((s) => s.id === g.savedId)?.members.map((m) => m.id) ?? [];
    const here = read.participants.filter((p) => draft.placed[p.id] === g.key).map((p) => p.id);
    return {
      id: ids.get(g.key) ?? '',
      name: g.name.trim(),
      mentor: g.mentor.trim(),
      members: [...saved.filter((id) => here.includes(id)), ...here.filter((id) => !saved.includes(id))],
    };
  });
};

/** Whether the draft arranges the groups otherwise than they were read. */
export const changed = (read: GroupsRead, draft: Draft) =>
  JSON.stringify(groupsOf(read, draft)) !==
  JSON.stringify(
    read.groups.map((g) => ({
      id: g.id,
      name: g.name,
      mentor: g.mentor,
      members: g.members.map((m) => m.id),
    })),
  );

/** The body of `PUT …/mentoring-groups`: the whole arrangement, at the version read, with the note. */
export const groupsBody = (read: GroupsRead, draft: Draft, note: string): GroupsBody => ({
  groups: groupsOf(read, draft),
  expectedVersion: read.groupsVersion,
  ...(note.trim() ? { note: note.trim() } : {}),
});

/**
 * The participants a save will email: those told of their selection whose group is another, or
 * whose group has another name or mentor (the API tells each of them once).
 */
export const toldOfChange = (read: GroupsRead, draft: Draft): Participant[] => {
  const after = new Map(groupsOf(read, draft).map((g, i) => [draft.groups[i]?.key, g]));
  const view = (g: { id: string; name: string; mentor: string } | undefined) =>
    g ? `${g.id}\n${g.name}\n${g.mentor}` : '';
  return read.participants.filter(
    (p) =>
      p.told && view(read.groups.find((g) => g.id === p.group)) !== view(after.get(draft.placed[p.id] ?? '')),
  );
};

/** "3 participants will be told of their new group by email", or that nobody will be. */
export const toldSentence = (count: number) =>
  count === 0
    ? 'Nobody will be emailed: no participant told of their selection changes group.'
    : `${count} ${count === 1 ? 'participant' : 'participants'} will be told of their new group by email.`;

/** The participants in no group in the draft, in name order. */
export const ungrouped = (read: GroupsRead, draft: Draft) =>
  read.participants.filter((p) => !draft.placed[p.id]);

/** The id of a group's name or mentor input, and of a participant's select, as the summary links to them. */
export const groupFieldId = (key: string, field: 'name' | 'mentor') => `group-${key}-${field}`;
export const placeFieldId = (participant: string) => `group-of-${participant}`;
export const noteFieldId = 'groups-note';

/** What was sent, to place the API's issues: the keys of the groups in the order sent, and the groups. */
export interface Sent {
  keys: string[];
  groups: GroupBody[];
}

/**
 * The API's issues placed on the page: each in the error summary, named by its group and field
 * and linked to its input (a member's to that participant's select), and by input id beside it.
 */
export const placeIssues = (issues: readonly Issue[], sent: Sent, participants: readonly Participant[]) => {
  const beside: Record<string, string> = {};
  const placed = (field: string, message: string, said: string) => {
    beside[field] = beside[field] ? `${beside[field]}; ${said}` : said;
    return { message, field };
  };
  const problems = issues.map((issue) => {
    const [top, at, what, m] = issue.path.split('.');
    if (top === 'note') return placed(noteFieldId, `Note: ${issue.message}`, issue.message);
    const index = Number(at);
    const key = top === 'groups' && at !== undefined ? sent.keys[index] : undefined;
    const group = sent.groups[index];
    if (!key || !group) return { message: issue.message };
    const named = group.name || `group ${index + 1}`;
    if (what === 'mentor')
      return placed(groupFieldId(key, 'mentor'), `Mentor of ${named}: ${issue.message}`, issue.message);
    if (what === 'members' && m !== undefined) {
      const member = participants.find((p) => p.id === group.members[Number(m)]);
      if (member) return placed(placeFieldId(member.id), `${member.name}: ${issue.message}`, issue.message);
    }
    const said = what === 'id' ? `its id, ${group.id}, from its name: ${issue.message}` : issue.message;
    const about = what === 'name' ? `Name of ${named}` : named;
    return placed(groupFieldId(key, 'name'), `${about}: ${said}`, said);
  });
  return { problems, beside };
};

const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 90 → "1 hour 30 minutes". */
export const durationWords = (minutes: number) => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [
    hours ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '',
    rest ? `${rest} ${rest === 1 ? 'minute' : 'minutes'}` : '',
  ]
    .filter(Boolean)
    .join(' ');
};

/**
 * When a session is, as people read it: "Wednesday 22 May 2024, 10:00 for 1 hour 30 minutes (New
 * York time)", "Monday 19 August 2024 to Thursday 22 August 2024", "May 2024, day to be set". A
 * wall time is in the session's zone, else the program's, when it is known.
 */
export const formatSession = (session: Pick<Session, 'when' | 'timeZone'>, programZone?: string) => {
  const { when } = session;
  if ('at' in when) {
    const [day = '', time = ''] = when.at.split('T');
    const zone = session.timeZone ?? programZone;
    const lasting = when.durationMinutes ? ` for ${durationWords(when.durationMinutes)}` : '';
    return `${formatDay(day)}, ${time}${lasting}${zone ? ` (${zoneName(zone)})` : ''}`;
  }
  if ('from' in when) return `${formatDay(when.from)} to ${formatDay(when.to)}`;
  const first = new Date(`${when.month}-01T12:00:00Z`);
  return Number.isNaN(first.getTime()) ? when.month : `${month.format(first)}, day to be set`;
};
