import { describe, expect, it } from 'vitest';
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
