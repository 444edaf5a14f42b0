import { describe, expect, inject, it } from 'vitest';
import { playDecisionDay } from '../../local/decision-day.ts';

describe('npm run load -- --decision-day', () => {
  it('notifies everyone once, paced under the SES emulator’s rate: none lost, none twice, none refused', async () => {
    const lines: string[] = [];
    // 40 applicants, 18 of them selected (their nominators told apart): 58 emails at 8 a second.
    // Unpaced, the mailer sends dozens a second and the emulator refuses most of them.
    const report = await playDecisionDay({
      applicants: 40,
      sendRate: 8,
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      say: (line) => lines.push(line),
    });
    expect(report).toMatchObject({ applicants: 40, emails: 58, lost: 0, duplicates: 0, throttled: 0 });
    expect(report.floorSeconds).toBe(7.3);
    expect(lines.join('\n')).toContain('notifying 40 applicants at once');
  });
});
