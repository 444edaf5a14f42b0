import { type Actor, anyGroups, type Group, groupsIn } from './actor.ts';
import { ForbiddenError } from './errors.ts';
import type { NominationAction } from './nomination-states.ts';

/** Everything a caller may or may not do, by name. Transitions are named by their action. */
export type Permission =
  | 'list-nominations'
  | 'read-nomination'
  | NominationAction
  | 'notify-decisions'
  | 'read-cohort'
  | 'award-stipend'
  | 'classify-nomination'
  | 'change-timeline'
  | 'change-settings'
  | 'change-mentoring-groups'
  | 'send-announcement'
  | 'record-attendance'
  | 'reissue-certificate'
  | 'declare-conflict'
  | 'export-nominations'
  | 'correct-nomination'
  | 'resend-email'
  | 'export-personal-data'
  | 'erase-personal-data';

interface Rule {
  /** The staff groups allowed. */
  groups: readonly Group[];
  /** Whether the system may do it on its own, as scheduled. */
  system?: boolean;
  /** What a refused caller is told. */
  refusal: string;
}

const staff = ['organizers', 'reviewers'] as const;
const organizers = ['organizers'] as const;
const organizersOnly = (action: NominationAction): Rule => ({
  groups: organizers,
  refusal: `Only organizers may ${action} nominations; reviewers may review`,
});

/**
 * The one authorization table, each rule checked in a program (a staff group may hold in every
 * program or in one, see StaffActor): reviewers (the advisory group) may read, review and declare a
 * conflict of interest; organizers may do everything; the scheduler may notify decisions on decision day and nothing else.
 */
const rules: Record<Permission, Rule> = {
  'list-nominations': { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  'read-nomination': { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  // Only the nominator's signed link confirms (shared/use-cases/confirm-nomination.ts); no staff may.
  confirm: {
    groups: [],
    refusal: 'A nomination is confirmed by its nominator, from the link in their email',
  },
  review: { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  select: organizersOnly('select'),
  reject: organizersOnly('reject'),
  reserve: {
    groups: organizers,
    refusal: 'Only organizers may put nominations on the reserve list; reviewers may review',
  },
  notify: { ...organizersOnly('notify'), system: true },
  'offer-place': { groups: organizers, refusal: 'Only organizers may offer a place to a reserve' },
  // The reserve date closes the list on its own; organizers may close one early.
  'close-reserve': { groups: organizers, system: true, refusal: 'Only organizers may close a reserve' },
  withdraw: organizersOnly('withdraw'),
  'notify-decisions': { groups: organizers, system: true, refusal: 'This needs membership of organizers' },
  'read-cohort': { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  'award-stipend': { groups: organizers, refusal: 'Only organizers may decide travel stipends' },
  'classify-nomination': {
    groups: organizers,
    refusal: 'Only organizers may correct a nomination’s region or Global South status',
  },
  'change-timeline': { groups: organizers, refusal: 'Only organizers may change the timeline' },
  'change-settings': {
    groups: organizers,
    refusal: 'Only organizers may see and change a program’s settings',
  },
  'change-mentoring-groups': {
    groups: organizers,
    refusal: 'Only organizers may change the mentoring groups',
  },
  'send-announcement': {
    groups: organizers,
    refusal: 'Only organizers may write to participants and applicants',
  },
  'record-attendance': { groups: organizers, refusal: 'Only organizers may record attendance' },
  'reissue-certificate': { groups: organizers, refusal: 'Only organizers may issue a certificate again' },
  'declare-conflict': { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  'export-nominations': { groups: organizers, refusal: 'Only organizers may export nominations' },
  'correct-nomination': { groups: organizers, refusal: 'Only organizers may correct a nomination' },
  'resend-email': { groups: organizers, refusal: 'Only organizers may send an email again' },
  'export-personal-data': { groups: organizers, refusal: 'Only organizers may export a person’s data' },
  'erase-personal-data': { groups: organizers, refusal: 'Only organizers may erase a person’s data' },
};

/**
 * Where the permission is asked for: in one program (the path's program, or the program of the
 * nomination as read), or in any program, the first check of a route by nomination id, made
 * before the nomination is read so that a refused role learns nothing of it.
 */
export type Scope = { programId: string } | 'any-program' | 'every-program';

export const can = (actor: Actor, permission: Permission, scope: Scope): boolean => {
  const rule = rules[permission];
  // Nominators are authorized by their signed link for one nomination, never by this table.
  if (actor.kind === 'nominator' || actor.kind === 'participant') return false;
  if (actor.kind === 'system') return rule.system === true;
  // 'every-program': what reaches across programs (a person's data, by address) needs a global group.
  const held =
    scope === 'every-program'
      ? actor.groups
      : scope === 'any-program'
        ? anyGroups(actor)
        : groupsIn(actor, scope.programId);
  return held.some((group) => rule.groups.includes(group));
};

/**
 * Throws ForbiddenError unless the actor may, with the rule's own words; a member of staff
 * whose groups would allow it in another program is told that their rights stop at this one.
 */
export const authorize = (actor: Actor, permission: Permission, scope: Scope): void => {
  if (can(actor, permission, scope)) return;
  if (typeof scope === 'object' && can(actor, permission, 'any-program'))
    throw new ForbiddenError(`Your staff rights do not extend to the program "${scope.programId}"`);
  if (scope === 'every-program' && can(actor, permission, 'any-program'))
    throw new ForbiddenError(
      'This reaches across programs: it needs a global group, not one limited to a program',
    );
  throw new ForbiddenError(rules[permission].refusal);
};
