import { describe, expect, it } from 'vitest';
import { type Actor, scheduler } from '../../shared/domain/actor.ts';
import { authorize, can, type Permission } from '../../shared/domain/authorization.ts';
import { ForbiddenError } from '../../shared/domain/errors.ts';

const staff = (...groups: ('organizers' | 'reviewers')[]): Actor => ({
  kind: 'staff',
  id: 'u',
  email: 'u@example.org',
  groups,
});
const organizer = staff('organizers');
const reviewer = staff('reviewers');
const nobody = staff();

const permissions: Permission[] = [
  'list-nominations',
  'read-nomination',
  'review',
  'select',
  'reject',
  'notify',
  'withdraw',
  'notify-decisions',
  'change-timeline',
  'declare-conflict',
  'export-nominations',
  'correct-nomination',
  'resend-email',
  'export-personal-data',
  'erase-personal-data',
];
const allowed = (actor: Actor) => permissions.filter((p) => can(actor, p));

describe('who may do what', () => {
  it('lets reviewers read, review and declare a conflict, and nothing else', () => {
    expect(allowed(reviewer)).toEqual(['list-nominations', 'read-nomination', 'review', 'declare-conflict']);
  });

  it('lets organizers do everything, also when they review too', () => {
    expect(allowed(organizer)).toEqual(permissions);
    expect(allowed(staff('reviewers', 'organizers'))).toEqual(permissions);
  });

  it('lets the scheduler notify decisions and nothing else', () => {
    expect(allowed(scheduler)).toEqual(['notify', 'notify-decisions']);
  });

  it('lets a member of no staff group do nothing', () => {
    expect(allowed(nobody)).toEqual([]);
  });

  it('refuses with the rule’s own words', () => {
    expect(() => authorize(reviewer, 'select')).toThrow(
      new ForbiddenError('Only organizers may select nominations; reviewers may review'),
    );
    expect(() => authorize(reviewer, 'change-timeline')).toThrow('Only organizers may change the timeline');
    expect(() => authorize(organizer, 'select')).not.toThrow();
  });
});
