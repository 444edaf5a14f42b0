export const groups = ['organizers', 'reviewers'] as const;
export type Group = (typeof groups)[number];

/** A member of staff, from the verified token: the audit trail names them. */
export interface StaffActor {
  kind: 'staff';
  /** The user's `sub`: stable, whatever their address. */
  id: string;
  /** Only an address the identity provider verified (`email_verified`). */
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

/**
 * How the audit trail names an actor to people: staff by their verified email where the token has
 * one, else by their `sub`. Entries also keep the `sub` itself (`actorId`).
 */
export const actorName = (actor: Actor): string =>
  actor.kind === 'staff' ? (actor.email ?? actor.id) : actor.id;
