import { describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { checkProgram } from '../../shared/domain/program-schema.ts';
import {
  anonymousOutcome,
  certificateExpiry,
  decisionExpiry,
  defaultRetention,
  expiryAfter,
  retentionOf,
} from '../../shared/domain/retention.ts';
import { nominationFormPage } from '../../shared/web/pages.ts';
import { privacyPage } from '../../shared/web/privacy-page.ts';
import { sampleNomination } from '../support/fixtures.ts';

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('the TTL of personal data', () => {
  it('counts calendar months and hours in UTC, as whole epoch seconds', () => {
    expect(expiryAfter('2024-02-19T14:00:00.500Z', { months: 6 })).toBe(seconds('2024-08-19T14:00:00Z'));
    expect(expiryAfter('2024-02-01T14:00:00Z', { hours: 48 })).toBe(seconds('2024-02-03T14:00:00Z'));
  });

  it('starts at a withdrawal or a "not selected" told, and not before', () => {
    const at = '2024-02-19T14:00:00.000Z';
    const sixMonths = seconds('2024-08-19T14:00:00Z');
    expect(decisionExpiry(metlib2024, { status: 'withdrawn' }, at)).toBe(sixMonths);
    expect(decisionExpiry(metlib2024, { status: 'notified', decision: 'not_selected' }, at)).toBe(sixMonths);
    for (const state of [
      { status: 'submitted' },
      { status: 'reviewed' },
      { status: 'not_selected' },
      { status: 'selected' },
      { status: 'notified', decision: 'selected' },
    ] as const) {
      expect(decisionExpiry(metlib2024, state, at)).toBeUndefined();
    }
    expect(certificateExpiry(metlib2024, '2025-03-31T13:00:00.000Z')).toBe(seconds('2026-03-31T13:00:00Z'));
  });

  it('takes the periods from the program, 6 and 12 months when it gives none', () => {
    const { monthsAfterDecision: _d, monthsAfterCertificates: _c, ...contact } = metlib2024.personalData;
    const bare = { ...metlib2024, personalData: contact };
    expect(retentionOf(bare)).toEqual(defaultRetention);
    expect(retentionOf({ ...metlib2024, personalData: { ...contact, monthsAfterDecision: 3 } })).toEqual({
      monthsAfterDecision: 3,
      monthsAfterCertificates: 12,
    });
    expect(() =>
      checkProgram({ ...metlib2024, personalData: { ...contact, monthsAfterDecision: 0 } }),
    ).toThrow(/personalData.monthsAfterDecision/);
    expect(() => checkProgram({ ...metlib2024, personalData: { contactEmail: 'nobody' } })).toThrow(
      /personalData.contactEmail/,
    );
  });

  it('leaves for statistics the country, project type and outcome, nothing that names anyone', () => {
    const n = { ...sampleNomination(), status: 'notified' as const, decision: 'selected' as const };
    expect(anonymousOutcome(n)).toEqual({
      programId: 'metlib-2024',
      country: n.library.country,
      projectType: n.project.type,
      outcome: 'participant',
    });
  });
});

describe('the privacy notice', () => {
  it('is linked from the form and gives the program’s periods and contact, escaped', () => {
    expect(nominationFormPage(metlib2024, new Date('2024-02-01T14:00:00Z'))).toContain(
      'href="/programs/metlib-2024/privacy"',
    );
    const page = privacyPage({
      ...metlib2024,
      organizer: 'Libraries <b>&</b> Co',
      personalData: { contactEmail: 'privacy@metlib.example.org', monthsAfterDecision: 1 },
    });
    expect(page).toContain('<strong id="retention-decision">1 month</strong>');
    expect(page).toContain('<strong id="retention-participants">12 months</strong>');
    expect(page).toContain('href="mailto:privacy@metlib.example.org"');
    expect(page).toContain('Libraries &lt;b&gt;&amp;&lt;/b&gt; Co');
    expect(page).not.toContain('<b>');
  });
});
