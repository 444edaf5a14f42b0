/**
 * The call's small mentoring groups: each a name, an experienced city librarian as its mentor and
 * some of the participants. A mentoring session on the timeline may be for one group; its
 * reminders and changes go to that group's members only (docs/participants-year.md#mentoring-groups).
 */

import { oneLine } from './plain-text.ts';
import type { Program, TimelineEvent } from './program.ts';
import * as z from './zod.ts';

const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'));

export const mentoringGroupSchema = z.strictObject({
  id: slug.check(z.maxLength(40)),
  name: z.string().check(z.trim(), z.minLength(1, 'give the group a name'), z.maxLength(120), oneLine),
  /** Who mentors the group, as participants should read it: "Brian Bannon, New York Public Library". */
  mentor: z.string().check(z.trim(), z.minLength(1, 'name the mentor'), z.maxLength(200), oneLine),
  /** The nominations of its members: participants of the program, each in one group at most. */
  members: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(40)),
});

export type MentoringGroup = z.infer<typeof mentoringGroupSchema>;

/** The groups of a program, each id once and each member in one group. */
export const mentoringGroupsSchema = z.array(mentoringGroupSchema).check(
  z.maxLength(20),
  z.superRefine((groups, ctx) => {
    const ids = new Set<string>();
    const memberOf = new Map<string, string>();
    groups.forEach((group, index) => {
      if (ids.has(group.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${group.id}" is used twice` });
      ids.add(group.id);
      group.members.forEach((member, m) => {
        const other = memberOf.get(member);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [index, 'members', m],
            message: `${member} is already in "${other}"; a participant is in one group at most`,
          });
        memberOf.set(member, group.id);
      });
    });
  }),
);

export const groupOf = (program: Program, groupId: string | undefined) =>
  groupId === undefined ? undefined : program.mentoringGroups?.find((g) => g.id === groupId);

/** The group a participant is in, if any. */
export const groupOfMember = (program: Program, nominationId: string) =>
  program.mentoringGroups?.find((g) => g.members.includes(nominationId));

/** Whether an event is for this participant: every event is, but a group's session only for its members. */
export const concerns = (program: Program, event: TimelineEvent, nominationId: string) =>
  event.group === undefined || (groupOf(program, event.group)?.members.includes(nominationId) ?? false);

/** Events naming a group the program does not have, or a group on an event that is not mentoring. */
export const unknownGroups = (timeline: readonly TimelineEvent[], groups: readonly MentoringGroup[]) =>
  timeline.flatMap((event, index) => {
    if (event.group === undefined) return [];
    const path = ['timeline', index, 'group'];
    if (event.kind !== 'mentoring')
      return [
        { path, message: 'only a mentoring session is for a group; the other events are for everyone' },
      ];
    return groups.some((g) => g.id === event.group)
      ? []
      : [
          {
            path,
            message: `"${event.group}" is not one of the program's mentoring groups${groups.length ? `: ${groups.map((g) => g.id).join(', ')}` : ' (it has none yet)'}`,
          },
        ];
  });
