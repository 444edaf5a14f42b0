import type { Actor, Group } from './actor.ts';
import { ForbiddenError } from './errors.ts';
import type { NominationAction } from './nomination-states.ts';

/** Everything a caller may or may not do, by name. Transitions are named by their action. */
export type Permission =
  | 'list-nominations'
  | 'read-nomination'
  | NominationAction
  | 'notify-decisions'
  | 'change-timeline'
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
 * The one authorization table: reviewers (the advisory group) may read, review and declare a
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
  notify: { ...organizersOnly('notify'), system: true },
  withdraw: organizersOnly('withdraw'),
  'notify-decisions': { groups: organizers, system: true, refusal: 'This needs membership of organizers' },
  'change-timeline': { groups: organizers, refusal: 'Only organizers may change the timeline' },
  'declare-conflict': { groups: staff, refusal: 'This needs membership of organizers or reviewers' },
  'export-nominations': { groups: organizers, refusal: 'Only organizers may export nominations' },
  'correct-nomination': { groups: organizers, refusal: 'Only organizers may correct a nomination' },
  'resend-email': { groups: organizers, refusal: 'Only organizers may send an email again' },
  'export-personal-data': { groups: organizers, refusal: 'Only organizers may export a person’s data' },
  'erase-personal-data': { groups: organizers, refusal: 'Only organizers may erase a person’s data' },
};

export const can = (actor: Actor, permission: Permission): boolean => {
  const rule = rules[permission];
  if (actor.kind === 'nominator') return false;
  return actor.kind === 'system'
    ? rule.system === true
    : actor.groups.some((group) => rule.groups.includes(group));
};

/** Throws ForbiddenError, with the rule's own words, unless the actor may. */
export const authorize = (actor: Actor, permission: Permission): void => {
  if (!can(actor, permission)) throw new ForbiddenError(rules[permission].refusal);
};
