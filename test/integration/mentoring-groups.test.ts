import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
const people = {
  ana: nominationBody(),
  ben: nominationBody(),
  chen: nominationBody(),
  dara: nominationBody(),
};
const ids: Record<keyof typeof people, string> = {} as never;
let rejected: string;

const subjects = async (who: keyof typeof people) =>
  (await stack.inbox(people[who].candidate.email)).map((e) => e.subject);
const groups = (aMembers: string[], bMembers: string[]) => [
  {
    id: 'lisbon',
    name: 'Lisbon circle',
    mentor: 'Ana Santos, Lisbon Municipal Libraries',
    members: aMembers,
  },
  {
    id: 'helsinki',
    name: 'Helsinki circle',
    mentor: 'Anna-Maria Soininvaara, Helsinki City Library',
    members: bMembers,
  },
];

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  for (const [who, body] of Object.entries(people))
    ids[who as keyof typeof people] = (await stack.decided(body)).id;
  rejected = (await stack.decided(nominationBody(), ['review', 'reject', 'notify'])).id;
  // Mid-May: the May mentoring session, known by its month, has no date yet.
  await stack.advanceTo('2024-05-10T12:00:00Z');
});

describe('mentoring groups on the running stack', { timeout: 60_000 }, () => {
  it('refuses someone not in the cohort, a reviewer, and a stale version, writing nothing', async () => {
    const stranger = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: organizer,
      body: { groups: groups([ids.ana, rejected], []), expectedVersion: 0 },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.json.issues).toEqual([
      { path: 'groups.0.members.1', message: `${rejected} is not a participant of the program` },
    ]);
    const byReviewer = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: await stack.reviewer(),
      body: { groups: groups([ids.ana], []), expectedVersion: 0 },
    });
    expect(byReviewer.status).toBe(403);
    const read = await stack.api('GET', '/programs/metlib-2024/mentoring-groups', {
      token: await stack.reviewer(),
    });
    expect(read.json).toMatchObject({ groupsVersion: 0, groups: [] });
    expect(read.json.participants).toHaveLength(4);
  });

  it('tells each member their group once; a session given a date mid-month reaches its group only', async () => {
    const saved = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: organizer,
      body: { groups: groups([ids.ana, ids.ben], [ids.chen]), expectedVersion: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.groupsVersion).toBe(1);
    expect(await subjects('ana')).toContain(
      'Your mentoring group in the MetLib Learning Circle 2024: Lisbon circle',
    );
    expect(await subjects('chen')).toContain(
      'Your mentoring group in the MetLib Learning Circle 2024: Helsinki circle',
    );
    expect((await subjects('dara')).filter((s) => s.includes('mentoring group'))).toEqual([]);
    const stale = await stack.api('PUT', '/programs/metlib-2024/mentoring-groups', {
      token: organizer,
      body: { groups: [], expectedVersion: 0 },
    });
    expect(stale.status).toBe(409);

    const timeline = metlib2024.timeline.map((e) =>
      e.id === 'mentoring-2024-05'
        ? { ...e, when: { at: '2024-05-22T10:00', durationMinutes: 90 }, group: 'lisbon' }
        : e,
    );
    const dated = await stack.api('PUT', '/programs/metlib-2024/timeline', {
      token: organizer,
      body: { timeline, expectedVersion: 0 },
    });
    expect(dated.status).toBe(200);
    const changed = (who: keyof typeof people) =>
      subjects(who).then((all) => all.filter((s) => s.startsWith('Changed: Leadership group mentoring')));
    expect(await changed('ana')).toEqual([
      'Changed: Leadership group mentoring, Wednesday 22 May 2024, 10:00 (New York time, UTC−4)',
    ]);
    expect(await changed('ben')).toHaveLength(1);
    expect(await changed('chen')).toEqual([]);
    expect(await changed('dara')).toEqual([]);

    // The 1-day reminder fires on the Scheduler emulator: Lisbon circle's two members only.
    await stack.advanceTo(new Date('2024-05-21T14:00:01Z'));
    const reminded = async (who: keyof typeof people) =>
      (await subjects(who)).filter((s) => s === 'Reminder: Leadership group mentoring tomorrow');
    expect(await reminded('ana')).toHaveLength(1);
    expect(await reminded('ben')).toHaveLength(1);
    expect(await reminded('chen')).toEqual([]);
    expect(await reminded('dara')).toEqual([]);

    const publicProgram = await stack.api('GET', '/programs/metlib-2024');
    expect(publicProgram.text).not.toContain(ids.ana);
    expect(publicProgram.json.mentoringGroups).toBeUndefined();
  });

  it('sends an announcement to a group once each, though sent twice at once, and files it with each nomination', async () => {
    const body = {
      id: randomUUID(),
      audience: { kind: 'group', group: 'lisbon' },
      subject: 'Before our session: the Aarhus case',
      body: 'Please read the Aarhus case study before we meet.\n\nBring one question <for Ana>.',
    };
    const preview = await stack.api('POST', '/programs/metlib-2024/announcements/preview', {
      token: organizer,
      body,
    });
    expect(preview.status).toBe(200);
    expect(preview.json.recipients.map((r: { id: string }) => r.id).sort()).toEqual(
      [ids.ana, ids.ben].sort(),
    );
    const [first, second] = await Promise.all([
      stack.api('POST', '/programs/metlib-2024/announcements', { token: organizer, body }),
      stack.api('POST', '/programs/metlib-2024/announcements', { token: organizer, body }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.json.queued + second.json.queued).toBe(2);
    const received = async (who: keyof typeof people) =>
      (await stack.inbox(people[who].candidate.email)).filter((e) => e.subject === body.subject);
    const [toAna] = await received('ana');
    expect(await received('ana')).toHaveLength(1);
    expect(toAna?.body.html).toContain('Bring one question &lt;for Ana&gt;.');
    expect(await received('ben')).toHaveLength(1);
    expect(await received('chen')).toEqual([]);
    const detail = await stack.api('GET', `/nominations/${ids.ana}`, { token: organizer });
    expect(detail.json.emails.filter((e: { kind: string }) => e.kind === 'announcement')).toMatchObject([
      { subject: body.subject, status: 'sent' },
    ]);
    const listed = await stack.api('GET', '/programs/metlib-2024/announcements', {
      token: await stack.reviewer(),
    });
    expect(listed.json.announcements).toMatchObject([{ id: body.id, recipients: 2 }]);
  });
});
