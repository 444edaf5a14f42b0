import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { localCredentials } from '../../local/emulators.ts';
import type { TimelineEvent } from '../../shared/domain/program.ts';
import { testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let scheduler: SchedulerClient;

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  scheduler = new SchedulerClient({
    endpoint: stack.schedulerEndpoint,
    region: 'us-east-1',
    credentials: localCredentials,
  });
});

const scheduleNames = async () => {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await scheduler.send(new ListSchedulesCommand({ GroupName: 'metlib-2024', NextToken }));
    names.push(...(page.Schedules ?? []).map((s) => s.Name as string));
    NextToken = page.NextToken;
  } while (NextToken);
  return names.sort();
};

const putTimeline = (body: unknown, token = organizer) =>
  stack.api('PUT', '/programs/metlib-2024/timeline', { token, body });

const current = async () => {
  const { json } = await stack.api('GET', '/programs/metlib-2024');
  return { timeline: json.timeline as TimelineEvent[], version: json.timelineVersion as number };
};

const edited = (
  timeline: TimelineEvent[],
  id: string,
  change: (e: TimelineEvent) => TimelineEvent | undefined,
) =>
  timeline.flatMap((e) =>
    e.id === id ? [change(structuredClone(e))].filter((x): x is TimelineEvent => !!x) : [e],
  );

describe('schedules from the timeline', () => {
  it('are created when the stack starts: decision days, two reminders per dated event, evaluation, certificates', async () => {
    expect(stack.syncReports[0]).toMatchObject({
      group: 'metlib-2024',
      skippedPast: [],
      waitingForDate: ['mentoring-2024-05', 'mentoring-2024-09', 'mentoring-2025-02'],
    });
    const names = await scheduleNames();
    expect(names).toHaveLength(29);
    expect(names).toEqual(
      expect.arrayContaining([
        'decision-readiness',
        'decisions-due',
        'decisions-check',
        'meeting-2024-04.reminder-7d',
        'conference-2024.reminder-30d',
        'certificates-2025.certificates',
      ]),
    );
    const due = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'metlib-2024', Name: 'decisions-due' }),
    );
    expect(due).toMatchObject({
      ScheduleExpression: 'at(2024-02-19T09:00:00)',
      ScheduleExpressionTimezone: 'America/New_York',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:us-east-1:000000000000:function:RunTimelineEvent',
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: expect.stringMatching(/^arn:aws:sqs:/) },
      },
    });
    expect(JSON.parse(due.Target?.Input ?? '')).toEqual({
      programId: 'metlib-2024',
      schedule: 'decisions-due',
      kind: 'decisions-due',
      scheduledAt: '2024-02-19T14:00:00.000Z',
    });
    // The certificates go to the function that makes them, with the same retries and dead letters.
    const certificates = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'metlib-2024', Name: 'certificates-2025.certificates' }),
    );
    expect(certificates.Target).toMatchObject({
      Arn: 'arn:aws:lambda:us-east-1:000000000000:function:IssueCertificates',
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
    });
  });

  it('follow a timeline change: a date set, a meeting moved, a meeting removed', async () => {
    const { timeline, version } = await current();
    let next = edited(timeline, 'mentoring-2024-05', (e) => ({
      ...e,
      when: { at: '2024-05-21T10:00', durationMinutes: 90 },
    }));
    next = edited(next, 'meeting-2024-06', (e) => ({
      ...e,
      when: { at: '2024-06-18T09:00', durationMinutes: 120 },
    }));
    next = edited(next, 'meeting-2024-07', () => undefined);
    const response = await putTimeline({
      timeline: next,
      expectedVersion: version,
      note: 'Mentor confirmed; June moved',
    });
    expect(response.status).toBe(200);
    expect(response.json.timelineVersion).toBe(version + 1);
    expect(response.json.schedules).toMatchObject({
      created: ['mentoring-2024-05.reminder-7d', 'mentoring-2024-05.reminder-1d'],
      updated: ['meeting-2024-06.reminder-7d', 'meeting-2024-06.reminder-1d'],
      deleted: expect.arrayContaining(['meeting-2024-07.reminder-7d', 'meeting-2024-07.reminder-1d']),
      waitingForDate: ['mentoring-2024-09', 'mentoring-2025-02'],
    });
    const moved = await scheduler.send(
      new GetScheduleCommand({ GroupName: 'metlib-2024', Name: 'meeting-2024-06.reminder-7d' }),
    );
    expect(moved.ScheduleExpression).toBe('at(2024-06-11T09:00:00)');
    expect((await current()).version).toBe(version + 1);
    expect((await scheduleNames()).length).toBe(29);
  });

  it.each([
    [
      'an unknown zone',
      (t: TimelineEvent[]) => edited(t, 'meeting-2024-09', (e) => ({ ...e, timeZone: 'Europe/Atlantis' })),
      'timeline.',
      400,
    ],
    [
      'an impossible date',
      (t: TimelineEvent[]) =>
        edited(t, 'meeting-2024-09', (e) => ({ ...e, when: { at: '2024-09-31T09:00' } })),
      'timeline.',
      400,
    ],
    ['events out of order', (t: TimelineEvent[]) => [...t].reverse(), 'timeline.', 400],
    [
      'a title with a line break',
      (t: TimelineEvent[]) =>
        edited(t, 'meeting-2024-09', (e) => ({ ...e, title: 'Meeting\rDTSTART:19700101T000000Z' })),
      'timeline.',
      400,
    ],
    [
      'a meeting moved into the past',
      (t: TimelineEvent[]) =>
        edited(t, 'meeting-2024-09', (e) => ({
          ...e,
          when: { at: '2023-09-10T09:00', durationMinutes: 120 },
        })),
      'timeline.',
      400,
    ],
  ])('refuses %s with 400 and leaves the schedules alone', async (_, change, path, status) => {
    const before = await scheduleNames();
    const { timeline, version } = await current();
    const response = await putTimeline({ timeline: change(timeline), expectedVersion: version });
    expect(response.status).toBe(status);
    expect(response.json.issues[0].path).toContain(path);
    expect(await scheduleNames()).toEqual(before);
  });

  it('refuses a stale version with 409', async () => {
    const { timeline } = await current();
    const response = await putTimeline({ timeline, expectedVersion: 0 });
    expect(response.status).toBe(409);
    expect(response.json.error).toBe('VersionConflict');
  });

  it('is for organizers only', async () => {
    const { timeline, version } = await current();
    expect((await putTimeline({ timeline, expectedVersion: version }, await stack.reviewer())).status).toBe(
      403,
    );
    expect(
      (
        await stack.api('PUT', '/programs/metlib-2024/timeline', {
          body: { timeline, expectedVersion: version },
        })
      ).status,
    ).toBe(401);
  });
});

describe('on the clock', () => {
  it('fires decision readiness through the Scheduler emulator; a meeting moves after its reminder, not after it began', async () => {
    await stack.advanceTo(new Date('2024-02-17T14:00:01Z'));
    const emails = await stack.inbox(stack.organizerInbox);
    expect(emails.map((e) => e.subject)).toEqual([
      expect.stringMatching(/^Decisions due Monday 19 February 2024/),
    ]);
    expect(await scheduleNames()).not.toContain('decision-readiness');

    // 2 April: the April meeting's first reminder has gone out; it may still move, and its
    // 1-day reminder follows it.
    await stack.advanceTo(new Date('2024-04-02T13:00:01Z'));
    const { timeline, version } = await current();
    const moved = edited(timeline, 'meeting-2024-04', (e) => ({
      ...e,
      when: { at: '2024-04-16T09:00', durationMinutes: 120 },
    }));
    const response = await putTimeline({ timeline: moved, expectedVersion: version });
    expect(response.status).toBe(200);
    expect(response.json.schedules.updated).toContain('meeting-2024-04.reminder-1d');

    // Moving May's meeting to 5 April: its 7-day reminder time has passed, so the old schedule of
    // that name (still set for 7 May) must go, not fire a stale reminder.
    const early = edited(moved, 'meeting-2024-05', (e) => ({
      ...e,
      when: { at: '2024-04-05T09:00', durationMinutes: 120 },
    }));
    const movedEarly = await putTimeline({ timeline: early, expectedVersion: version + 1 });
    expect(movedEarly.status).toBe(200);
    expect(movedEarly.json.schedules.deleted).toContain('meeting-2024-05.reminder-7d');
    expect(movedEarly.json.schedules.updated).toContain('meeting-2024-05.reminder-1d');
    expect(await scheduleNames()).not.toContain('meeting-2024-05.reminder-7d');

    const sync = await putTimeline({ timeline: early, expectedVersion: version + 2 });
    expect(sync.status).toBe(200);
    expect(sync.json.schedules.skippedPast).toEqual(
      expect.arrayContaining(['decision-readiness', 'decisions-due', 'meeting-2024-05.reminder-7d']),
    );
    expect(sync.json.schedules.created).toEqual([]);

    // Once it has begun, a meeting can no longer change.
    await stack.advanceTo(new Date('2024-04-16T14:00:00Z'));
    const late = edited(early, 'meeting-2024-04', (e) => ({ ...e, title: 'Renamed' }));
    const refused = await putTimeline({ timeline: late, expectedVersion: version + 3 });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe('"meeting-2024-04" has already begun; it can no longer be changed');
    expect(metlib2024.timeline.length).toBeGreaterThan(0);
  });
});

describe('the recurring schedule sync', () => {
  it('runs every hour, and a run that finds everything in line changes nothing', async () => {
    const recurring = await scheduler.send(new GetScheduleCommand({ Name: 'SyncSchedules' }));
    expect(recurring).toMatchObject({
      ScheduleExpression: 'rate(60 minutes)',
      Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:SyncSchedules' },
    });
    const before = await scheduleNames();
    const definitions = async () =>
      Promise.all(
        before.map((Name) => scheduler.send(new GetScheduleCommand({ GroupName: 'metlib-2024', Name }))),
      );
    const was = (await definitions()).map((d) => [d.Name, d.ScheduleExpression, d.Target?.Input]);
    const syncs = () => stack.scheduler.invocations().filter((i) => i.schedule === 'SyncSchedules');
    const ran = syncs().length;
    // An hour on: the recurring sync fires (with the outbox sweep), as on AWS.
    await stack.advanceTo(new Date(stack.now().getTime() + 61 * 60_000));
    expect(syncs().length).toBeGreaterThan(ran);
    expect(syncs().every((i) => i.ok)).toBe(true);
    expect(await scheduleNames()).toEqual(before);
    expect((await definitions()).map((d) => [d.Name, d.ScheduleExpression, d.Target?.Input])).toEqual(was);
  });
});
