import { describe, expect, it } from 'vitest';
import { referenceOf } from '../../shared/domain/reference.ts';
import { formatCalendarDate, formatDateRange, formatMonth } from '../../shared/domain/time.ts';

describe('dates as people write them', () => {
  it('writes a range of days once per month and year', () => {
    expect(formatDateRange('2024-10-06', '2024-10-10')).toBe('6–10 October 2024');
    expect(formatDateRange('2024-09-28', '2024-10-02')).toBe('28 September – 2 October 2024');
    expect(formatDateRange('2024-12-30', '2025-01-03')).toBe('30 December 2024 – 3 January 2025');
    expect(formatDateRange('2024-10-06', '2024-10-06')).toBe('6 October 2024');
  });

  it('writes a month, and a calendar date with its weekday', () => {
    expect(formatMonth('2024-05')).toBe('May 2024');
    expect(formatCalendarDate('2024-05-31')).toBe('Friday 31 May 2024');
  });
});

describe('a nomination’s reference', () => {
  it('is eight characters of Crockford base 32 from the id, in two groups, the same every time', () => {
    expect(referenceOf('00000000-0000-4000-8000-000000000000')).toBe('0000-0000');
    expect(referenceOf('ffffffff-ff00-4000-8000-000000000000')).toBe('ZZZZ-ZZZZ');
    expect(referenceOf('3f2a9c1b-7d00-4e00-8000-000000000000')).toBe(
      referenceOf('3f2a9c1b-7d00-4e00-8000-00000000ffff'),
    );
    expect(referenceOf('3f2a9c1b-7d00-4e00-8000-000000000000')).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
    );
  });
});
