import { describe, expect, it } from 'vitest';
import { firstFiring, nextFiring, parseExpression } from '../../local/scheduler/expressions.ts';

const ms = (iso: string) => new Date(iso).getTime();
const hour = 3_600_000;

describe('parsing schedule expressions', () => {
  it('reads at(), rate() in each unit and six-field cron()', () => {
    expect(parseExpression('at(2024-04-02T09:00:00)')).toEqual({
      kind: 'at',
      wallTime: '2024-04-02T09:00:00',
    });
    expect(parseExpression('rate(1 minute)')).toEqual({ kind: 'rate', periodMs: 60_000 });
    expect(parseExpression('rate(15 minutes)')).toEqual({ kind: 'rate', periodMs: 900_000 });
    expect(parseExpression('rate(2 hours)')).toEqual({ kind: 'rate', periodMs: 2 * hour });
    expect(parseExpression('rate(1 day)')).toEqual({ kind: 'rate', periodMs: 24 * hour });
    expect(parseExpression('cron(0 9 ? * TUE *)')).toEqual({ kind: 'cron', text: 'cron(0 9 ? * TUE *)' });
  });

  it.each([
    ['an at() without seconds', 'at(2024-04-02T09:00)'],
    ['an at() with a zone offset', 'at(2024-04-02T09:00:00Z)'],
    ['a date that does not exist', 'at(2024-02-30T09:00:00)'],
    ['an hour that does not exist', 'at(2024-04-02T24:00:00)'],
    ['a plural rate of 1', 'rate(1 hours)'],
    ['a singular rate of 2', 'rate(2 hour)'],
    ['a rate of 0', 'rate(0 minutes)'],
    ['a rate in seconds', 'rate(30 seconds)'],
    ['a cron with five fields', 'cron(0 9 * * ?)'],
    ['a cron with seven fields', 'cron(0 9 ? * TUE * 1)'],
    ['something else', 'every tuesday'],
  ])('refuses %s', (_, text) => {
    expect(parseExpression(text)).toBeUndefined();
  });
});

describe('the first firing', () => {
  const now = ms('2024-04-01T12:00:00Z');

  it('of at() is its wall time in the schedule’s zone, UTC without one', () => {
    const at = parseExpression('at(2024-04-02T09:00:00)');
    if (!at) throw new Error('unparsed');
    expect(firstFiring(at, { nowMs: now, timeZone: 'America/New_York' })).toBe(ms('2024-04-02T13:00:00Z'));
    expect(firstFiring(at, { nowMs: now, timeZone: 'Europe/Helsinki' })).toBe(ms('2024-04-02T06:00:00Z'));
    expect(firstFiring(at, { nowMs: now })).toBe(ms('2024-04-02T09:00:00Z'));
  });

  it('of at() in the past is still its instant: it fires at once', () => {
    const at = parseExpression('at(2024-03-01T09:00:00)');
    if (!at) throw new Error('unparsed');
    expect(firstFiring(at, { nowMs: now })).toBe(ms('2024-03-01T09:00:00Z'));
  });

  it('of rate() is now without a start date, or the start date ahead', () => {
    const rate = parseExpression('rate(1 hour)');
    if (!rate) throw new Error('unparsed');
    expect(firstFiring(rate, { nowMs: now })).toBe(now);
    expect(firstFiring(rate, { nowMs: now, startMs: now + 90 * 60_000 })).toBe(now + 90 * 60_000);
  });

  it('of rate() with a start date past is the first period boundary from it that is not past', () => {
    const rate = parseExpression('rate(1 hour)');
    if (!rate) throw new Error('unparsed');
    expect(firstFiring(rate, { nowMs: now, startMs: now - 150 * 60_000 })).toBe(now + 30 * 60_000);
    expect(firstFiring(rate, { nowMs: now, startMs: now - 2 * hour })).toBe(now);
  });

  it('of cron() is never: it is stored, not fired', () => {
    const cron = parseExpression('cron(0 9 ? * TUE *)');
    if (!cron) throw new Error('unparsed');
    expect(firstFiring(cron, { nowMs: now })).toBeUndefined();
  });
});

describe('the next firing after one', () => {
  const rate = parseExpression('rate(1 hour)');
  if (!rate) throw new Error('unparsed');
  const firedFor = ms('2024-05-01T00:00:00Z');

  it('of rate() is one period on when the clock runs on time', () => {
    expect(nextFiring(rate, { firedFor, nowMs: firedFor })).toBe(firedFor + hour);
    expect(nextFiring(rate, { firedFor, nowMs: firedFor + hour - 1 })).toBe(firedFor + hour);
  });

  it('of rate() is the first occurrence after now when the clock jumped: one firing, not the backlog', () => {
    expect(nextFiring(rate, { firedFor, nowMs: firedFor + 24.5 * hour })).toBe(firedFor + 25 * hour);
    expect(nextFiring(rate, { firedFor, nowMs: firedFor + 3 * hour })).toBe(firedFor + 4 * hour);
  });

  it('of rate() is none past its end date', () => {
    expect(nextFiring(rate, { firedFor, nowMs: firedFor, endMs: firedFor + hour })).toBe(firedFor + hour);
    expect(nextFiring(rate, { firedFor, nowMs: firedFor, endMs: firedFor + hour - 1 })).toBeUndefined();
  });

  it('of at() and cron() is none', () => {
    const at = parseExpression('at(2024-04-02T09:00:00)');
    const cron = parseExpression('cron(0 9 ? * TUE *)');
    if (!at || !cron) throw new Error('unparsed');
    expect(nextFiring(at, { firedFor, nowMs: firedFor })).toBeUndefined();
    expect(nextFiring(cron, { firedFor, nowMs: firedFor })).toBeUndefined();
  });
});
