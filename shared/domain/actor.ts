export const groups = ['organizers', 'reviewers'] as const;
export type Group = (typeof groups)[number];

/** A member of staff, from the verified token: the audit trail names them. */
export interface StaffActor {
  kind: 'staff';
  id: string;
  email?: string;
  groups: Group[];
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

export type Actor = StaffActor | SystemActor | NominatorActor;

export const nominator: NominatorActor = { kind: 'nominator', id: 'nominator' };

export const scheduler: SystemActor = { kind: 'system', id: 'scheduler' };

/** How the audit trail names an actor: staff by email where the token has one. */
export const actorName = (actor: Actor): string =>
  actor.kind === 'staff' ? (actor.email ?? actor.id) : actor.id;
