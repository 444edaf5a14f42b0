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

export type Actor = StaffActor | SystemActor;

export const scheduler: SystemActor = { kind: 'system', id: 'scheduler' };

/** How the audit trail names an actor: staff by email where the token has one. */
export const actorName = (actor: Actor): string =>
  actor.kind === 'staff' ? (actor.email ?? actor.id) : actor.id;
