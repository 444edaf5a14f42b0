export const groups = ['organizers', 'reviewers'] as const;
export type Group = (typeof groups)[number];

/** A member of staff, from the verified token: the audit trail names them. */
export interface StaffActor {
  kind: 'staff';
  /** The user's `sub`: stable, whatever their address. */
  id: string;
  /** Only an address the identity provider verified (`email_verified`). */
  email?: string;
  /** Groups that hold in every program (`organizers`, `reviewers`). */
  groups: Group[];
  /** Groups that hold in one program only, by its id (`reviewers:metlib-2024`). */
  programGroups?: Readonly<Record<string, readonly Group[]>>;
}

/** The system acting on its own, as scheduled (decision day's notifications). */
export interface SystemActor {
  kind: 'system';
  id: 'scheduler';
}

/**
 * Whoever holds a nomination's manage link: its nominator, by the only proof there is, the link
 * mailed to them. Authorized by the link for that one nomination, never by the rule table.
 */
export interface NominatorActor {
  kind: 'nominator';
  id: 'nominator';
}

/**
 * Whoever holds a participant's page link: the participant, by the link mailed to them alone.
 * Authorized by the link for that one nomination, never by the rule table.
 */
export interface ParticipantActor {
  kind: 'participant';
  id: 'participant';
}

export type Actor = StaffActor | SystemActor | NominatorActor | ParticipantActor;

export const nominator: NominatorActor = { kind: 'nominator', id: 'nominator' };
export const participant: ParticipantActor = { kind: 'participant', id: 'participant' };

/** The name of a group limited to one program, as the user pool holds it: `reviewers:metlib-2024`. */
export const programGroupName = (group: Group, programId: string) => `${group}:${programId}`;

/** The groups a member of staff holds in a program: those of every program and that one's own. */
export const groupsIn = (actor: StaffActor, programId: string): readonly Group[] => [
  ...actor.groups,
  ...(actor.programGroups?.[programId] ?? []),
];

/** Every group a member of staff holds in some program. */
export const anyGroups = (actor: StaffActor): readonly Group[] => [
  ...actor.groups,
  ...Object.values(actor.programGroups ?? {}).flat(),
];

export const scheduler: SystemActor = { kind: 'system', id: 'scheduler' };

/**
 * How the audit trail names an actor to people: staff by their verified email where the token has
 * one, else by their `sub`. Entries also keep the `sub` itself (`actorId`).
 */
export const actorName = (actor: Actor): string =>
  actor.kind === 'staff' ? (actor.email ?? actor.id) : actor.id;
