import { describe, expect, inject, it } from 'vitest';
import { runSimulation } from '../../local/simulation.ts';

describe('npm run simulate', () => {
  it('plays the program year with every expected email sent once and nothing left over', async () => {
    const lines: string[] = [];
    const report = await runSimulation({
      nominations: 24,
      selected: 6,
      reserves: 2,
      undecided: 3,
      seed: 7,
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      progress: (line) => lines.push(line),
    });
    expect(report).toMatchObject({
      ok: true,
      participants: 6,
      missing: {},
      duplicates: 0,
      deadLetters: 0,
      unsent: 0,
      failedFirings: 0,
      // The program's 29 (the evaluation's reminder among them), and the first mentoring
      // group's May session's two reminders.
      scheduleFirings: 31,
    });
    // The outbox sweep ran on the way to each firing; racing the mailer, it sent nothing twice.
    expect(report.sweeps).toBeGreaterThan(0);
    expect(report.emailsByKind).toEqual(report.expectedByKind);
    expect(report.emailsByKind).toMatchObject({
      confirmation: 24,
      acknowledgement: 24,
      'decision-selected': 6,
      // Each nominator's own news of the place, without the participant's private page.
      'decision-selected-nominator': 6,
      'decision-reserve': 2,
      'decision-not-selected': 13,
      'decision-pending': 3,
      'withdrawal-confirmed': 1,
      'place-vacated': 1,
      'place-offered': 1,
      'place-offered-nominator': 1,
      'reserve-closed': 1,
      'stipend-awarded': 1,
      // Everyone for the June meeting; the first group of three for its dated session.
      'timeline-changed': 9,
      'mentoring-group': 6,
      announcement: 6,
      // One participant was at six of the ten meetings: their record instead of the certificate.
      certificate: 5,
      'attendance-record': 1,
      // Three of the six answered the evaluation at once; the other three were reminded.
      'evaluation-reminder': 3,
    });
    expect(report.sentThroughSes).toBe(Object.values(report.emailsByKind).reduce((a, b) => a + b, 0));
    expect(lines.some((l) => l.includes('certificates-2025.certificates'))).toBe(true);
    // A year of some forty clock jumps: a guard against a hang, two minutes on two busy cores.
  }, 120_000);
});
