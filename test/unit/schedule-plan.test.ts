import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { timelineSchema } from '../../shared/domain/program-schema.ts';
import { daysBefore, eventFixedFrom, planSchedules } from '../../shared/domain/schedule-plan.ts';
import { addDays, dayEndsAt } from '../../shared/domain/time.ts';

describe('the schedule plan', () => {
  const plan = planSchedules(metlib2024);
  const byName = new Map(plan.schedules.map((s) => [s.name, s]));

  it('names every schedule within what EventBridge Scheduler accepts, each once', () => {
    for (const s of plan.schedules) expect(s.name).toMatch(/^[0-9a-zA-Z\-_.]{1,64}$/);
    expect(byName.size).toBe(plan.schedules.length);
    expect(plan.group).toBe('metlib-2024');
  });

  it('plans decision readiness two days before decisions are due, in New York time', () => {
    expect(byName.get('decision-readiness')).toMatchObject({
      wallTime: '2024-02-17T09:00:00',
      timeZone: 'America/New_York',
    });
    expect(byName.get('decisions-due')?.instant.toISOString()).toBe('2024-02-19T14:00:00.000Z');
  });

  it('checks an hour after decisions are due that every decided nomination was notified', () => {
    expect(byName.get('decisions-check')).toMatchObject({
      kind: 'decisions-check',
      wallTime: '2024-02-19T10:00:00',
      timeZone: 'America/New_York',
    });
    expect(byName.get('decisions-check')?.instant.toISOString()).toBe('2024-02-19T15:00:00.000Z');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    // 10 March 2024 is when New York moves to EDT: 9:00 on the 12th is 13:00 UTC, on the 5th 14:00.
    expect(daysBefore('2024-03-12T09:00:00', 7)).toBe('2024-03-05T09:00:00');
    expect(daysBefore('2024-03-01T09:00:00', 1)).toBe('2024-02-29T09:00:00');
    expect(byName.get('meeting-2024-11.reminder-7d')).toMatchObject({ wallTime: '2024-11-05T09:00:00' });
    expect(byName.get('meeting-2024-11.reminder-7d')?.instant.toISOString()).toBe('2024-11-05T14:00:00.000Z');
  });

  it('reminds of the conference 30 and 7 days ahead at 09:00 Barcelona time', () => {
    expect(byName.get('conference-2024.reminder-30d')).toMatchObject({
      wallTime: '2024-09-06T09:00:00',
      timeZone: 'Europe/Madrid',
    });
    expect(byName.get('conference-2024.reminder-7d')?.instant.toISOString()).toBe('2024-09-29T07:00:00.000Z');
  });

  it('waits for a date before reminding of a mentoring session, and skips the summer break', () => {
    expect(plan.waitingForDate).toEqual(['mentoring-2024-05', 'mentoring-2024-09', 'mentoring-2025-02']);
    expect([...byName.keys()].some((n) => n.startsWith('summer-break'))).toBe(false);
    const dated = {
      ...metlib2024,
      timeline: metlib2024.timeline.map((e) =>
        e.id === 'mentoring-2024-05' ? { ...e, when: { at: '2024-05-21T10:00' } } : e,
      ),
    };
    expect(planSchedules(dated).schedules.map((s) => s.name)).toContain('mentoring-2024-05.reminder-1d');
  });

  it('lets a session known by its month change until that month ends in its zone, a dated one until it begins', () => {
    const may = metlib2024.timeline.find((e) => e.id === 'mentoring-2024-05');
    const april = metlib2024.timeline.find((e) => e.id === 'meeting-2024-04');
    if (!may || !april) throw new Error('the seeded timeline has changed');
    // 1 June 2024, 00:00 in New York (EDT, UTC-4).
    expect(eventFixedFrom(metlib2024, may).toISOString()).toBe('2024-06-01T04:00:00.000Z');
    expect(eventFixedFrom(metlib2024, april).toISOString()).toBe('2024-04-09T13:00:00.000Z');
  });

  it('does calendar arithmetic on days across months, leap days and the year', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2025-01-03', -6)).toBe('2024-12-28');
    expect(dayEndsAt('2025-03-31', 'Europe/Madrid').toISOString()).toBe('2025-03-31T22:00:00.000Z');
  });

  it('puts what the target needs in the input: program, schedule, kind, event, the instant it was for', () => {
    expect(byName.get('meeting-2024-04.reminder-1d')?.input).toEqual({
      programId: 'metlib-2024',
      schedule: 'meeting-2024-04.reminder-1d',
      kind: 'reminder',
      eventId: 'meeting-2024-04',
      scheduledAt: '2024-04-08T13:00:00.000Z',
    });
  });
});

describe('the timeline rules', () => {
  it('name an event out of date order and a duplicated id', () => {
    const [first, second] = metlib2024.timeline;
    const result = timelineSchema.safeParse([second, first, first]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['1.when', '2.id']);
  });
});
