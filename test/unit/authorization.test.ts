import { describe, expect, it } from 'vitest';
import { type Actor, nominator, participant, scheduler } from '../../shared/domain/actor.ts';
import { authorize, can, type Permission, type Scope } from '../../shared/domain/authorization.ts';
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
const metlib = { programId: 'metlib-2024' };
const allowed = (actor: Actor, scope: Scope = metlib) => permissions.filter((p) => can(actor, p, scope));
/** The error `authorize` throws, to compare what two callers are told. */
const refusal = (actor: Actor, permission: Permission, scope: Scope) => {
  try {
    authorize(actor, permission, scope);
  } catch (error) {
    return error as ForbiddenError;
  }
  throw new Error(`${actor.id} may ${permission}`);
};

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
    expect(() => authorize(reviewer, 'select', metlib)).toThrow(
      new ForbiddenError('Only organizers may select nominations; reviewers may review'),
    );
    expect(() => authorize(reviewer, 'change-timeline', metlib)).toThrow(
      'Only organizers may change the timeline',
    );
    expect(() => authorize(organizer, 'select', metlib)).not.toThrow();
  });
});

describe('staff rights limited to one program', () => {
  const limited = (
    programGroups: Record<string, ('organizers' | 'reviewers')[]>,
    ...groups: ('organizers' | 'reviewers')[]
  ): Actor => ({
    kind: 'staff',
    id: 'p',
    groups,
    programGroups,
  });
  const elsewhere = limited({ 'other-2025': ['reviewers'] });
  const metlibOrganizer = limited({ 'metlib-2024': ['organizers'] });

  it('hold in their program as the global group does, and nowhere else', () => {
    expect(allowed(metlibOrganizer)).toEqual(permissions);
    expect(allowed(metlibOrganizer, { programId: 'other-2025' })).toEqual([]);
    expect(allowed(elsewhere, { programId: 'other-2025' })).toEqual(allowed(reviewer));
    expect(allowed(elsewhere)).toEqual([]);
  });

  it('add to the global groups: a reviewer everywhere who organizes one program', () => {
    const both = limited({ 'metlib-2024': ['organizers'] }, 'reviewers');
    expect(allowed(both)).toEqual(permissions);
    expect(allowed(both, { programId: 'other-2025' })).toEqual(allowed(reviewer));
  });

  it('pass the first check of a route by nomination id, before the nomination is read, if they hold anywhere', () => {
    expect(can(elsewhere, 'review', 'any-program')).toBe(true);
    expect(can(elsewhere, 'select', 'any-program')).toBe(false);
    expect(can(nobody, 'read-nomination', 'any-program')).toBe(false);
  });

  it('refuse another program’s nomination by saying where the rights stop', () => {
    expect(() => authorize(elsewhere, 'read-nomination', metlib)).toThrow(
      new ForbiddenError('Your staff rights do not extend to the program "metlib-2024"'),
    );
    // A role the member holds nowhere is refused with the rule's words, as before.
    expect(() => authorize(elsewhere, 'select', metlib)).toThrow('Only organizers may select nominations');
  });

  it('leave the scheduler as it was: notify, in any program', () => {
    expect(allowed(scheduler, { programId: 'other-2025' })).toEqual(['notify', 'notify-decisions']);
  });

  it('reach across programs only through a global group', () => {
    expect(can(organizer, 'erase-personal-data', 'every-program')).toBe(true);
    expect(can(metlibOrganizer, 'erase-personal-data', 'every-program')).toBe(false);
    expect(can(metlibOrganizer, 'erase-personal-data', 'any-program')).toBe(true);
    expect(() => authorize(metlibOrganizer, 'erase-personal-data', 'every-program')).toThrow(ForbiddenError);
  });

  it('tell a member limited to a program who reaches across programs why, not what their role lacks', () => {
    const across = refusal(metlibOrganizer, 'erase-personal-data', 'every-program');
    expect(across).toBeInstanceOf(ForbiddenError);
    expect(across.message).not.toBe('');
    expect(across.message).not.toBe(refusal(reviewer, 'erase-personal-data', 'every-program').message);
  });

  it('tell a role held nowhere the same thing wherever it asks', () => {
    const inProgram = refusal(reviewer, 'select', metlib);
    expect(refusal(reviewer, 'select', 'any-program')).toEqual(inProgram);
    expect(refusal(reviewer, 'select', 'every-program')).toEqual(inProgram);
  });
});

describe('who is never authorized by the table', () => {
  it.each([
    ['the nominator', nominator],
    ['a participant', participant],
  ])('%s, whose link alone says what they may do', (_, actor) => {
    for (const scope of [metlib, 'any-program', 'every-program'] as const)
      expect(allowed(actor, scope)).toEqual([]);
    expect(() => authorize(actor, 'read-nomination', metlib)).toThrow(ForbiddenError);
  });
});
