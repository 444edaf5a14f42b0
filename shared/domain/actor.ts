export const groups = ['organizers', 'reviewers'] as const;
export type Group = (typeof groups)[number];

/** Who is acting, from the verified token: the audit trail names them. */
export interface Actor {
  id: string;
  email?: string;
  groups: Group[];
}
