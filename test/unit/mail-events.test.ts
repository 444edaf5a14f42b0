import { describe, expect, it } from 'vitest';
import { mailEventSchema, toDeliveryEvent } from '#events/mail-events';
import { metlib2024 } from '#events/programs/metlib-2024';
import { simulatedEvents } from '#local/mail-events';
import { encodeRefTag } from '#shared/adapters/ses-tags';
import { currentUndeliverable, deliverySummary, isEssential } from '#shared/domain/mail-delivery';
import { decisionReadinessEmail } from '#shared/email/organizer-templates';
import { sampleNomination } from '../support/fixtures.ts';

const ref = 'NOMINATION#n-1|EMAIL#acknowledgement';

/** A bounce as SES publishes it to EventBridge (the shape of the SES developer guide's example). */
const bounce = {
  version: '0',
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  'detail-type': 'Email Bounced',
  source: 'aws.ses',
  account: '123456789012',
  time: '2024-02-01T14:00:05Z',
  region: 'us-east-1',
  resources: ['arn:aws:ses:us-east-1:123456789012:configuration-set/metlib'],
  detail: {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: 'jane@example.org',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: '2024-02-01T14:00:04.000Z',
      feedbackId: '0100-feedback',
      reportingMTA: 'dsn; mta.example.com',
    },
    mail: {
      timestamp: '2024-02-01T14:00:03.000Z',
      source: 'learning-circle@metlib.example.org',
      sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/metlib.example.org',
      sendingAccountId: '123456789012',
      messageId: '0100-message',
      destination: ['jane@example.org', 'director@example.org'],
      headersTruncated: false,
      tags: {
        'ses:configuration-set': ['metlib'],
        'ses:source-ip': ['192.0.2.0'],
        'outbox-ref': [encodeRefTag(ref)],
      },
    },
  },
};

describe('SES events as the system reads them', () => {
  it('takes a bounce to the email it is about, with its recipients, type and diagnostic', () => {
    expect(toDeliveryEvent(mailEventSchema.parse(bounce))).toEqual({
      id: bounce.id,
      ref,
      messageId: '0100-message',
      type: 'bounced',
      at: '2024-02-01T14:00:04.000Z',
      recipients: ['jane@example.org'],
      bounceType: 'Permanent',
      diagnostic: 'smtp; 550 5.1.1 user unknown',
    });
  });

  it('ignores an event of a message sent without the outbox tag', () => {
    const other = structuredClone(bounce);
    other.detail.mail.tags = { 'ses:configuration-set': ['metlib'] } as typeof other.detail.mail.tags;
    expect(toDeliveryEvent(mailEventSchema.parse(other))).toBeUndefined();
  });

  it('refuses an event that is not SES’s', () => {
    expect(() => mailEventSchema.parse({ ...bounce, source: 'aws.s3' })).toThrow();
  });

  it('has the local simulator publish what the reader reads: delivery, then the bounce', () => {
    const events = simulatedEvents(
      {
        pk: 'NOMINATION#n-1',
        sk: 'EMAIL#acknowledgement',
        to: ['bounce+x@simulator.amazonses.com'],
        cc: ['director@example.org'],
        messageId: 'm-1',
        sentAt: '2024-02-01T14:00:03.000Z',
        subject: 'Nomination received',
      },
      { configurationSet: 'local', from: 'a@metlib.example.org', at: new Date('2024-02-01T14:00:04Z') },
    );
    expect(events.map((e) => toDeliveryEvent(mailEventSchema.parse(e)))).toEqual([
      expect.objectContaining({ type: 'delivered', ref, recipients: ['director@example.org'] }),
      expect.objectContaining({
        type: 'bounced',
        ref,
        bounceType: 'Permanent',
        recipients: ['bounce+x@simulator.amazonses.com'],
      }),
    ]);
  });
});

describe('what the reports come to', () => {
  it('sums an email up by its worst report', () => {
    expect(deliverySummary([{ type: 'delivered' }, { type: 'bounced' }])).toBe('bounced');
    expect(deliverySummary([{ type: 'complained' }, { type: 'delivered' }])).toBe('complained');
    expect(deliverySummary([])).toBeUndefined();
  });

  it('keeps decisions and certificates essential; reminders and the evaluation are not', () => {
    expect(
      ['acknowledgement', 'decision-selected', 'decision-not-selected', 'certificate'].every((k) =>
        isEssential(k as never),
      ),
    ).toBe(true);
    expect(isEssential('reminder')).toBe(false);
    expect(isEssential('evaluation')).toBe(false);
  });

  it('shows a bounced address until it is corrected, and lists it in the readiness email, escaped', () => {
    const n = sampleNomination((input) => {
      input.candidate.email = 'jane@example.org';
      input.candidate.name = 'Jane <b>Doe</b>';
    });
    const bounced = {
      role: 'candidate' as const,
      address: 'JANE@example.org',
      at: '2024-02-01T14:00:04Z',
      emailKey: 'acknowledgement',
    };
    expect(currentUndeliverable({ ...n, undeliverable: [bounced, bounced] })).toEqual([bounced]);
    const corrected = {
      ...n,
      candidate: { ...n.candidate, email: 'jane.doe@example.org' },
      undeliverable: [bounced],
    };
    expect(currentUndeliverable(corrected)).toEqual([]);
    // Each role's address against its own: the nominator's bounce stands beside the candidate's.
    const nominatorBounced = { ...bounced, role: 'nominator' as const, address: n.nominator.email };
    expect(currentUndeliverable({ ...n, undeliverable: [bounced, nominatorBounced] })).toEqual([
      bounced,
      nominatorBounced,
    ]);

    const email = decisionReadinessEmail(metlib2024, 'chair@metlib.example.org', {
      counts: {
        unconfirmed: 0,
        submitted: 1,
        reviewed: 0,
        selected: 0,
        not_selected: 0,
        reserve: 0,
        notified: 0,
        withdrawn: 0,
        notified_selected: 0,
        notified_not_selected: 0,
      },
      placesTaken: 0,
      stipendsRequested: 0,
      stipendsAwarded: 0,
      undecided: [n],
      undeliverable: [{ nomination: n, address: bounced }],
    });
    expect(email.text).toContain(
      `Addresses to correct, where email bounced for good: JANE@example.org (candidate of Jane <b>Doe</b>, ${n.id})`,
    );
    expect(email.html).toContain('Jane &lt;b&gt;Doe&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Doe');
  });
});
