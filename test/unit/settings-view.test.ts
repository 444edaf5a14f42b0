// The program settings page's view: wall times, the body of a change, issues and the history.
import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import {
  describeChange,
  formatDay,
  formatWhen,
  formValues,
  type ProgramSettings,
  placeIssues,
  settingId,
  settingsChange,
  wallTime,
  zoneName,
} from '../../console/src/settings-view.ts';

describe('the program settings page', () => {
  const settings: ProgramSettings = {
    nominationWindow: { opensAt: '2024-01-08T00:00:00-05:00', closesAt: '2024-02-15T23:59:59-05:00' },
    decisionsDueAt: '2024-02-19T09:00:00-05:00',
    lateDecisionsBy: '2024-03-01',
    reserveUntil: '2024-05-31',
    capacity: { min: 15, max: 20 },
    travelStipends: { min: 1, max: 3 },
    contactEmail: 'learning-circle@metlib.example.org',
    certificateRule: { meetingsAttended: 7 },
    evaluation: metlib2024.evaluation,
  };
  const read = { settings, timeZone: 'America/New_York', settingsVersion: 2 };
  const shown = formValues(settings, read.timeZone);

  it('shows instants as wall times of the program’s zone, and in words as people write them', () => {
    expect(wallTime('2024-02-16T04:59:59Z', 'America/New_York')).toBe('2024-02-15T23:59');
    // Summer time: four hours behind UTC, not five.
    expect(wallTime('2024-07-01T12:00:00Z', 'America/New_York')).toBe('2024-07-01T08:00');
    expect(wallTime('2024-07-01T23:30:00Z', 'Asia/Kolkata')).toBe('2024-07-02T05:00');
    expect(formatWhen('2024-02-15T23:59:59-05:00', 'America/New_York')).toBe(
      'Thursday 15 February 2024, 23:59',
    );
    expect(formatDay('2024-03-01')).toBe('Friday 1 March 2024');
    expect(formatDay('2024-02-30')).toBe('2024-02-30');
    expect(formatDay('2024-13-01')).toBe('2024-13-01');
    expect(zoneName('America/New_York')).toBe('New York time');
    expect(zoneName('UTC')).toBe('UTC');
    expect(shown).toEqual({
      'nominationWindow.opensAt': '2024-01-08T00:00',
      'nominationWindow.closesAt': '2024-02-15T23:59',
      decisionsDueAt: '2024-02-19T09:00',
      lateDecisionsBy: '2024-03-01',
      reserveUntil: '2024-05-31',
      'capacity.min': '15',
      'capacity.max': '20',
      'travelStipends.min': '1',
      'travelStipends.max': '3',
      contactEmail: 'learning-circle@metlib.example.org',
      'certificateRule.meetingsAttended': '7',
      'evaluation.closesOn': '2025-03-26',
    });
  });

  it('sends only what changed, a group whole with its other values as read, at the version read', () => {
    expect(settingsChange(read, shown, 'a note')).toBeUndefined();
    expect(settingsChange(read, { ...shown, 'capacity.max': ' 20 ' }, '')).toBeUndefined();
    expect(
      settingsChange(
        read,
        {
          ...shown,
          'nominationWindow.closesAt': '2024-02-20T23:59',
          contactEmail: ' circle@metlib.example.org ',
        },
        '  One week more ',
      ),
    ).toEqual({
      // The opening keeps its stored spelling: its wall time is what the form showed.
      nominationWindow: { opensAt: '2024-01-08T00:00:00-05:00', closesAt: '2024-02-20T23:59' },
      contactEmail: 'circle@metlib.example.org',
      expectedVersion: 2,
      note: 'One week more',
    });
    // Changing the opening alone does not move the closing from 23:59:59 to 23:59.
    expect(settingsChange(read, { ...shown, 'nominationWindow.opensAt': '2024-01-09T00:00' }, '')).toEqual({
      nominationWindow: { opensAt: '2024-01-09T00:00', closesAt: '2024-02-15T23:59:59-05:00' },
      expectedVersion: 2,
    });
    // A count is a number when it is one; anything else goes as typed, for the API to name.
    expect(
      settingsChange(read, { ...shown, 'capacity.min': '30', 'travelStipends.max': 'three' }, ''),
    ).toEqual({
      capacity: { min: 30, max: 20 },
      travelStipends: { min: 1, max: 'three' },
      expectedVersion: 2,
    });
    expect(settingsChange(read, { ...shown, lateDecisionsBy: '2024-03-08' }, '')).toEqual({
      lateDecisionsBy: '2024-03-08',
      expectedVersion: 2,
    });
  });

  it('puts each issue of the API on its field, a group’s on the group’s first field', () => {
    const placed = placeIssues([
      { path: 'capacity', message: 'the minimum must not be more than the maximum' },
      { path: 'decisionsDueAt', message: 'decisions cannot be due before nominations close' },
      { path: 'travelStipends.max', message: 'travelStipends.max must be a whole number' },
      { path: '', message: 'Every value given is as it is' },
      { path: 'constructor', message: 'Unknown field "constructor"' },
    ]);
    expect(placed.problems).toEqual([
      { message: 'Places: the minimum must not be more than the maximum', field: settingId('capacity.min') },
      {
        message: 'Decisions due: decisions cannot be due before nominations close',
        field: 'setting-decisionsDueAt',
      },
      {
        message: 'Maximum travel stipends: travelStipends.max must be a whole number',
        field: 'setting-travelStipends-max',
      },
      { message: 'Every value given is as it is' },
      { message: 'Unknown field "constructor"' },
    ]);
    expect(settingId('capacity.min')).toBe('setting-capacity-min');
    expect(placed.beside).toEqual({
      capacity: 'the minimum must not be more than the maximum',
      decisionsDueAt: 'decisions cannot be due before nominations close',
      'travelStipends.max': 'travelStipends.max must be a whole number',
    });
  });

  it('tells each change of the history in words, in the program’s zone', () => {
    expect(
      describeChange(
        {
          before: {
            nominationWindow: settings.nominationWindow,
            lateDecisionsBy: '2024-03-01',
            capacity: { min: 15, max: 20 },
            contactEmail: 'learning-circle@metlib.example.org',
          },
          after: {
            nominationWindow: { opensAt: '2024-01-08T05:00:00.000Z', closesAt: '2024-02-21T04:59:00.000Z' },
            lateDecisionsBy: '2024-03-08',
            capacity: { min: 15, max: 25 },
            contactEmail: 'circle@metlib.example.org',
          },
        },
        'America/New_York',
      ),
    ).toEqual([
      'Nominations close: Thursday 15 February 2024, 23:59 → Tuesday 20 February 2024, 23:59',
      'Undecided applicants hear by: Friday 1 March 2024 → Friday 8 March 2024',
      'Maximum places: 20 → 25',
      'Contact address: learning-circle@metlib.example.org → circle@metlib.example.org',
    ]);
  });
});
