import { describe, expect, it } from 'vitest';
import { programs } from '../../events/programs/index.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { nominationWindowState } from '../../shared/domain/program.ts';
import { checkProgram } from '../../shared/domain/program-schema.ts';
import { wallTimeToInstant } from '../../shared/domain/time.ts';

describe('the MetLib Learning Circle 2024 program', () => {
  it('has the ten themes of the call and its six project types', () => {
    expect(metlib2024.themes).toHaveLength(10);
    expect(metlib2024.projectTypes.map((t) => t.slug)).toEqual([
      'branch-development',
      'new-main-library',
      'new-major-branch',
      'strategic-development',
      'partnerships',
      'other',
    ]);
  });

  it('holds every monthly meeting on a Tuesday at 09:00 New York time, skipping August and October', () => {
    const meetings = metlib2024.timeline.filter((e) => e.kind === 'meeting');
    expect(meetings).toHaveLength(10);
    for (const meeting of meetings) {
      const at = 'at' in meeting.when ? meeting.when.at : '';
      expect(new Date(`${at.slice(0, 10)}T12:00:00Z`).getUTCDay(), at).toBe(2);
      expect(at.slice(11)).toBe('09:00');
    }
    expect(meetings.map((m) => ('at' in m.when ? m.when.at.slice(0, 7) : ''))).not.toContain('2024-08');
  });

  it('converts a meeting to the right instant across daylight saving', () => {
    expect(wallTimeToInstant('2024-04-09T09:00', 'America/New_York').toISOString()).toBe(
      '2024-04-09T13:00:00.000Z',
    );
    expect(wallTimeToInstant('2024-12-10T09:00', 'America/New_York').toISOString()).toBe(
      '2024-12-10T14:00:00.000Z',
    );
  });

  it('is open until the end of 15 February 2024 in New York', () => {
    expect(nominationWindowState(metlib2024, new Date('2024-02-16T04:59:59Z'))).toBe('open');
    expect(nominationWindowState(metlib2024, new Date('2024-02-16T05:00:00Z'))).toBe('closed');
    expect(nominationWindowState(metlib2024, new Date('2024-01-07T12:00:00Z'))).toBe('not-yet-open');
  });

  it('passes the program schema, as every program must', () => {
    for (const program of programs.values()) expect(checkProgram(program)).toBe(program);
  });

  it('rejects a program whose window closes after decisions are due, naming the field', () => {
    const broken = { ...metlib2024, decisionsDueAt: '2024-02-10T09:00:00-05:00' };
    expect(() => checkProgram(broken)).toThrow(
      /Program "metlib-2024" is not valid:\n {2}decisionsDueAt: decisions cannot be due before nominations close/,
    );
  });

  it('rejects a name, organizer, signatory or theme label that is not one line, as they reach subjects and calendars', () => {
    const [theme, ...themes] = metlib2024.themes;
    for (const [broken, field] of [
      [{ ...metlib2024, name: 'MetLib\r\nBcc: someone@elsewhere.example' }, 'name'],
      [{ ...metlib2024, organizer: 'IFLA\u0000' }, 'organizer'],
      [{ ...metlib2024, certificateSignatory: 'Chair\u007f' }, 'certificateSignatory'],
      [{ ...metlib2024, themes: [{ ...theme, label: 'Culture\nX' }, ...themes] }, 'themes.0.label'],
    ] as const) {
      // @ts-expect-error the test builds programs the types allow only partly
      expect(() => checkProgram(broken)).toThrow(new RegExp(`\\n {2}${field.replace('.', '\\.')}: one line`));
    }
  });

  it('rejects a timeline event on a day that does not exist', () => {
    const [first, ...rest] = metlib2024.timeline;
    const broken = { ...metlib2024, timeline: [{ ...first, when: { at: '2024-02-30T09:00' } }, ...rest] };
    // @ts-expect-error the test builds an event the types allow only partly
    expect(() => checkProgram(broken)).toThrow(/timeline\.0\.when/);
  });
});
