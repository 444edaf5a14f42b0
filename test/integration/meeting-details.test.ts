import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '../../events/contracts.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

const joinUrl = 'https://meet.example.org/metlib-april?pwd=s3cret';
let stack: WorkerStack;
let organizer: string;
const participant = nominationBody();

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  await stack.decided(participant);
});

const timelineWith = (change: Record<string, unknown>) =>
  metlib2024.timeline.map((e) => (e.id === 'meeting-2024-04' ? { ...e, ...change } : e));

describe('a meeting’s private join link', () => {
  it('is refused unless https, and a theme the program does not have likewise', async () => {
    for (const change of [{ joinUrl: 'http://meet.example.org/x' }, { theme: 'space-travel' }]) {
      const refused = await stack.api('PUT', '/programs/metlib-2024/timeline', {
        token: organizer,
        body: { timeline: timelineWith(change), expectedVersion: 0 },
      });
      expect(refused.status).toBe(400);
    }
  });

  it('reaches participants in the reminder and its invitation, and no public page or response', async () => {
    const saved = await stack.api('PUT', '/programs/metlib-2024/timeline', {
      token: organizer,
      body: { timeline: timelineWith({ joinUrl }), expectedVersion: 0 },
    });
    expect(saved.status).toBe(200);
    for (const path of [
      '/programs/metlib-2024',
      '/programs/metlib-2024/nominate',
      '/',
      '/programs/metlib-2024/privacy',
    ]) {
      const response = await stack.api('GET', path);
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('meet.example.org');
    }
    // Organizers read it back with the link, to edit and send again without losing it.
    const staffRead = await stack.api('GET', '/programs/metlib-2024/timeline', { token: organizer });
    expect(staffRead.json).toMatchObject({ timelineVersion: 1 });
    expect(staffRead.json.timeline[0].joinUrl).toBe(joinUrl);
    expect(
      (await stack.api('GET', '/programs/metlib-2024/timeline', { token: await stack.reviewer() })).status,
    ).toBe(403);
    expect((await stack.api('GET', '/programs/metlib-2024')).json.timeline[0]).toMatchObject({
      theme: 'urban-creativity-and-culture',
      facilitator: 'Tommi Laitio',
    });

    // The participant heard of the change once, with an entry that replaces theirs.
    const changed = (await stack.inbox(participant.candidate.email)).filter((e) =>
      e.subject.startsWith('Changed'),
    );
    expect(changed.map((e) => e.subject)).toEqual([
      'Changed: Monthly online meeting, Tuesday 9 April 2024, 09:00 (New York time, UTC−4)',
    ]);
    const entry = new ICAL.Component(
      ICAL.parse(Buffer.from(changed[0]?.attachments[0]?.content ?? '', 'base64').toString('utf8')),
    ).getFirstSubcomponent('vevent');
    expect(entry?.getFirstPropertyValue('sequence')).toBe(1);
    expect(entry?.getFirstPropertyValue('url')).toBe(joinUrl);

    const input = planSchedules(metlib2024).schedules.find((s) => s.name === 'meeting-2024-04.reminder-7d')
      ?.input as ScheduledEvent;
    const { run } = await import('../../functions/run-timeline-event.ts');
    expect(await run(input)).toMatchObject({ queued: 1 });
    const [reminder] = (await stack.inbox(participant.candidate.email)).filter((e) =>
      e.subject.startsWith('Reminder'),
    );
    expect(reminder?.body.text).toContain(`Join: ${joinUrl}`);
    expect(reminder?.body.text).toContain('Theme: Urban Creativity and Culture.');
    const invite = Buffer.from(reminder?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    expect(invite.replace(/\r\n /g, '')).toContain(`URL:${joinUrl}`);
  });
});

describe('a meeting’s agenda in the calendar', () => {
  const currentVersion = async () =>
    (await stack.api('GET', '/programs/metlib-2024/timeline', { token: organizer })).json.timelineVersion;

  it('is refused with a carriage return alone, which would start a line of the .ics', async () => {
    const before = await currentVersion();
    for (const agenda of [
      'Welcome\rATTENDEE:mailto:someone@elsewhere.example',
      'Welcome\u0007',
      'Welcome\u007f',
    ]) {
      const refused = await stack.api('PUT', '/programs/metlib-2024/timeline', {
        token: organizer,
        body: { timeline: timelineWith({ agenda }), expectedVersion: before },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.issues).toEqual([{ path: 'timeline.0.agenda', message: expect.any(String) }]);
    }
    expect(await currentVersion()).toBe(before);
  });

  it('keeps its lines, commas and semicolons as written, read back by ical.js', async () => {
    const written = 'Welcome, introductions; goals\r\nCase study: Oslo; Q&A, wrap-up\n\tReadings: see below';
    const saved = await stack.api('PUT', '/programs/metlib-2024/timeline', {
      token: organizer,
      body: { timeline: timelineWith({ agenda: written }), expectedVersion: await currentVersion() },
    });
    expect(saved.status).toBe(200);
    const agenda = written.replace('\r\n', '\n');
    expect(saved.json.timeline[0].agenda).toBe(agenda);
    const notice = (await stack.inbox(participant.candidate.email)).findLast((e) =>
      e.subject.startsWith('Changed'),
    );
    const calendar = Buffer.from(notice?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    // Every line of the file is a property or its folded continuation: nothing the agenda began.
    expect(calendar.split('\r\n').filter((l) => l && !/^([A-Z-]+[;:]|[ \t])/.test(l))).toEqual([]);
    const entry = new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vevent');
    expect(String(entry?.getFirstPropertyValue('description'))).toContain(`Agenda:\n${agenda}`);
    expect(entry?.getAllProperties('attendee')).toEqual([]);
  });
});
