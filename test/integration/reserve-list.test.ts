import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '../../events/contracts.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { participantLinkCarriers } from '../support/private-links.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let runTimelineEvent: (input: unknown) => Promise<unknown>;

const people = {
  /** A participant from Spain who withdraws in April. */
  leaver: nominationBody(),
  /** A participant from Nairobi whose stipend is awarded before decision day. */
  nairobi: nominationBody(),
  /** First on the reserve list: offered the leaver's place. */
  first: nominationBody(),
  /** Second on the reserve list: still on it when the list closes. */
  second: nominationBody(),
  /** Nobody decides in time. */
  late: nominationBody(),
};
const ids: Record<keyof typeof people, string> = {} as never;

const input = (schedule: string): ScheduledEvent => {
  const planned = planSchedules(metlib2024).schedules.find((s) => s.name === schedule);
  if (!planned) throw new Error(`no schedule ${schedule}`);
  return planned.input;
};

const act = (id: string, action: string, extra: Record<string, unknown> = {}) =>
  stack.api('POST', `/nominations/${id}/transitions`, { token: organizer, body: { action, ...extra } });
const read = async (id: string) => (await stack.api('GET', `/nominations/${id}`, { token: organizer })).json;
const subjects = async (who: keyof typeof people) =>
  (await stack.inbox(people[who].candidate.email)).map((e) => e.subject);

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  people.nairobi.library.country = 'KE';
  people.nairobi.library.city = 'Nairobi';
  people.nairobi.travel.conditionalOnStipend = true;
  people.first.candidate.timeZone = 'Asia/Tokyo';
  for (const [who, body] of Object.entries(people)) {
    ids[who as keyof typeof people] = (await stack.nominate(body)).id;
  }
  for (const id of Object.values(ids)) expect((await act(id, 'review', { score: 3 })).status).toBe(200);
  ({ run: runTimelineEvent } = await import('../../functions/run-timeline-event.ts'));
});

// Each clock jump waits for what the schedules fire on the way, which a busy machine slows.
describe('the reserve list, from decision day to its close', { timeout: 90_000 }, () => {
  it('ranks reserves, and refuses a rank already taken without writing anything', async () => {
    expect((await act(ids.leaver, 'select')).status).toBe(200);
    expect((await act(ids.nairobi, 'select')).status).toBe(200);
    expect((await act(ids.first, 'reserve', { rank: 1 })).json).toMatchObject({
      status: 'reserve',
      reserveRank: 1,
    });
    // No rank given: the end of the list.
    expect((await act(ids.second, 'reserve')).json).toMatchObject({ status: 'reserve', reserveRank: 2 });

    const before = await read(ids.late);
    const taken = await act(ids.late, 'reserve', { rank: 1 });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ error: 'RankTaken' });
    expect(taken.json.message).toContain('Rank 1 on the reserve list is taken');
    expect((await read(ids.late)).version).toBe(before.version);

    const offered = await act(ids.late, 'offer-place');
    expect(offered.status).toBe(409);
    expect(offered.json).toMatchObject({ error: 'InvalidTransition' });
  });

  it('tells a stipend awarded before decision day in the decision email, and nothing more', async () => {
    const awarded = await stack.api('PUT', `/nominations/${ids.nairobi}/stipend`, {
      token: organizer,
      body: { award: 'awarded', note: 'Flights from Nairobi' },
    });
    expect(awarded.status).toBe(200);
    expect(awarded.json.stipend).toMatchObject({ requested: true, eligible: true, told: false });
    expect(awarded.json.stipend.decision).toMatchObject({ award: 'awarded', note: 'Flights from Nairobi' });

    // Spain is not Global South by the data file: not eligible until organizers say otherwise.
    const refused = await stack.api('PUT', `/nominations/${ids.leaver}/stipend`, {
      token: organizer,
      body: { award: 'awarded' },
    });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: 'StipendNotAllowed' });
  });

  it('on decision day tells participants, reserves (with their rank and the reserve date) and the undecided, once each', async () => {
    await stack.advanceTo(metlib2024.decisionsDueAt);
    // The schedule fired; delivered again, it tells nobody anything twice.
    expect(await runTimelineEvent(input('decisions-due'))).toMatchObject({ notified: 0, queued: 0 });
    expect(stack.scheduler.invocations().filter((f) => f.schedule === 'decisions-due' && f.ok)).toHaveLength(
      1,
    );

    const [nairobi] = (await stack.inbox(people.nairobi.candidate.email)).filter((e) =>
      e.subject.startsWith('Selected'),
    );
    expect(nairobi?.body.text).toContain('You have been awarded a travel stipend for the MetLib Conference.');
    expect((await read(ids.nairobi)).stipend.told).toBe(true);

    const [reserve] = (await stack.inbox(people.first.candidate.email)).filter((e) =>
      e.subject.startsWith('On the reserve list'),
    );
    expect(reserve?.body.text).toContain('the reserve list (number 1)');
    expect(reserve?.body.text).toContain('before Friday 31 May 2024');
    expect(await subjects('late')).toContain(
      'Your nomination is still being considered: MetLib Learning Circle 2024',
    );
    expect((await read(ids.first)).status).toBe('notified');
    expect((await read(ids.first)).decision).toBe('reserve');
    // The nominator's own page says so too.
    const page = await stack.api('GET', await stack.linkFor(people.first.nominator.email, 'manage'), {
      headers: { accept: 'text/html' },
    });
    expect(page.text).toContain('On the reserve list. If a place opens before Friday 31 May 2024');
  });

  it('emails a stipend awarded after the decision email once, however often it is changed', async () => {
    const classified = await stack.api('PUT', `/nominations/${ids.leaver}/classification`, {
      token: organizer,
      body: { globalSouth: true, note: 'Library serves a partner city in Morocco' },
    });
    expect(classified.status).toBe(200);
    expect(classified.json.classification).toMatchObject({
      globalSouthByCountry: false,
      globalSouth: true,
      overrides: { globalSouth: true },
    });
    const decide = (award: string) =>
      stack.api('PUT', `/nominations/${ids.leaver}/stipend`, { token: organizer, body: { award } });
    expect((await decide('awarded')).status).toBe(200);
    expect((await decide('declined')).status).toBe(200);
    expect((await decide('awarded')).status).toBe(200);
    expect((await subjects('leaver')).filter((s) => s.startsWith('Travel stipend awarded'))).toHaveLength(1);

    const history = (await read(ids.leaver)).history.map((h: { action: string }) => h.action);
    expect(history.filter((a: string) => a === 'award-stipend')).toHaveLength(3);
    expect(history).toContain('classify');
  });

  it('refuses an unknown region code with the reason, writing nothing', async () => {
    const before = await read(ids.leaver);
    const refused = await stack.api('PUT', `/nominations/${ids.leaver}/classification`, {
      token: organizer,
      body: { subRegion: '999' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('not a UN M49 sub-region code');
    expect((await read(ids.leaver)).version).toBe(before.version);
  });

  it('a withdrawal is confirmed to the participant, and the organizers hear who is first in line', async () => {
    await stack.advanceTo('2024-04-20T12:00:00Z');
    const withdrawn = await act(ids.leaver, 'withdraw', { note: 'Changed jobs' });
    expect(withdrawn.json).toMatchObject({ status: 'withdrawn' });
    expect(await subjects('leaver')).toContain('Your withdrawal from the MetLib Learning Circle 2024');

    const alerts = (await stack.inbox(stack.organizerInbox)).filter((e) =>
      e.subject.startsWith('A place has opened'),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.body.text).toContain(`1. ${people.first.candidate.name}`);
    expect(alerts[0]?.body.text).toContain(ids.first);
    expect(alerts[0]?.body.text).toContain(ids.second);
    // The stipend the leaver held is free again.
    const cohort = await stack.api('GET', '/programs/metlib-2024/cohort', { token: organizer });
    expect(cohort.json.stipends).toMatchObject({ awarded: 1 });
  });

  it('offering the place selects the first reserve and tells them of the next meeting, in their zone', async () => {
    const offered = await act(ids.first, 'offer-place');
    expect(offered.json).toMatchObject({ status: 'notified', decision: 'selected' });
    expect((await act(ids.first, 'offer-place')).status).toBe(409);

    const [email, ...more] = (await stack.inbox(people.first.candidate.email)).filter((e) =>
      e.subject.startsWith('A place has opened for you'),
    );
    expect(more).toHaveLength(0);
    // 20 April: the April meeting is past, so the next is 14 May, 09:00 New York, 22:00 Tokyo.
    expect(email?.body.text).toContain(
      'The next online meeting is on Tuesday 14 May 2024, 09:00 (New York time, UTC−4)',
    );
    expect(email?.body.text).toContain('Tuesday 14 May 2024, 22:00 (Tokyo time, UTC+9)');
    expect(email?.body.text).not.toContain('9 April');
    // The place's private page goes to the participant alone; their nominator hears it apart.
    expect(email?.destination).toMatchObject({ to: [people.first.candidate.email], cc: [] });
    const news = (await stack.inbox(people.first.nominator.email)).filter((e) =>
      e.subject.startsWith(`A place has opened for ${people.first.candidate.name}`),
    );
    expect(news).toHaveLength(1);
    expect(participantLinkCarriers(news)).toEqual([]);

    const cohort = await stack.api('GET', '/programs/metlib-2024/cohort', { token: organizer });
    expect(cohort.json.places.taken).toBe(2);
    expect(cohort.json.reserve).toEqual([expect.objectContaining({ id: ids.second, rank: 2, told: true })]);
  });

  it('when the reserve date passes, tells everyone still on the list that it has closed, once', async () => {
    const closing = input('reserve-closes');
    expect(closing.scheduledAt).toBe('2024-06-01T13:00:00.000Z');
    await stack.advanceTo(closing.scheduledAt);
    expect(stack.scheduler.invocations().filter((f) => f.schedule === 'reserve-closes' && f.ok)).toHaveLength(
      1,
    );
    expect(await runTimelineEvent(closing)).toMatchObject({ kind: 'reserve-closes', queued: 0 });

    const closed = (await subjects('second')).filter((s) => s.startsWith('The reserve list has closed'));
    expect(closed).toHaveLength(1);
    expect(await read(ids.second)).toMatchObject({ status: 'notified', decision: 'not_selected' });
    expect((await read(ids.second)).reserveRank).toBeUndefined();
  });

  it('told each person exactly one email per decision', async () => {
    const repeated: string[] = [];
    for (const who of Object.keys(people) as (keyof typeof people)[]) {
      const all = await subjects(who);
      for (const subject of new Set(all)) {
        // Reminders come once per reminder, and there are two per meeting.
        if (all.filter((s) => s === subject).length > 1 && !subject.startsWith('Reminder')) {
          repeated.push(`${who}: ${subject}`);
        }
      }
    }
    expect(repeated).toEqual([]);
    // No email that carried a participant's private link went to more than that participant.
    const candidates = Object.values(people).map((p) => p.candidate.email);
    for (const carrier of participantLinkCarriers(await stack.sentEmails())) {
      expect(carrier.cc).toEqual([]);
      expect(candidates).toContain(carrier.to.join());
    }
    // The replacement gets the May meeting's reminders like every participant (the clock's jump
    // queues both at once, so they may arrive in either order).
    const first = await subjects('first');
    expect(first.slice(0, 3)).toEqual([
      expect.stringMatching(/^Nomination received/),
      'On the reserve list: MetLib Learning Circle 2024',
      'A place has opened for you: MetLib Learning Circle 2024',
    ]);
    expect(first.slice(3).sort()).toEqual([
      'Reminder: Monthly online meeting in 7 days',
      'Reminder: Monthly online meeting tomorrow',
    ]);
  });
});
