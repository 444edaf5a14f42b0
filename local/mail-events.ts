import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { detailTypes, type MailEvent } from '#events/mail-events';
import type { StreamTrigger } from '#functions/catalog';
import { outboxRef } from '#shared/adapters/dynamodb-outbox-items';
import { encodeRefTag, outboxRefTag } from '#shared/adapters/ses-tags';
import type { Clock } from '#shared/ports';

/**
 * What SES does after it accepted an email, which the SES emulator does not: it reports each
 * recipient's fate as an event of the configuration set. The mailbox simulator's addresses
 * behave as on AWS (https://docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html):
 * bounce@ bounces for good, complaint@ is delivered and then complains, suppressionlist@ bounces
 * as an address on the suppression list, success@ and ooto@ are delivered; so is any other
 * address. A label (`bounce+x@`) is allowed, as on AWS.
 *
 * It watches the table's stream for an email the mailer marked sent (after the emulator took it)
 * and hands each event, shaped as EventBridge delivers it, to the catalog's `mailEvents` function.
 */
export const simulatorDomain = 'simulator.amazonses.com';

/** The name the events give the configuration set: locally the emulator has none. */
export const localConfigurationSet = 'metlib-nominations-local';

type Fate = 'delivered' | 'bounced' | 'complained' | 'suppressed';

const fateOf = (address: string): Fate => {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  if (domain !== simulatorDomain) return 'delivered';
  const mailbox = local.split('+')[0];
  if (mailbox === 'bounce') return 'bounced';
  if (mailbox === 'complaint') return 'complained';
  if (mailbox === 'suppressionlist') return 'suppressed';
  return 'delivered';
};

interface SentEmail {
  pk: string;
  sk: string;
  to: string[];
  cc: string[];
  withheld?: string[];
  messageId: string;
  sentAt: string;
  subject: string;
}

/** The SES events of one sent email, as EventBridge would deliver them (one per kind of fate). */
export const simulatedEvents = (
  email: SentEmail,
  options: { configurationSet: string; from: string; at: Date },
): MailEvent[] => {
  const withheld = new Set((email.withheld ?? []).map((a) => a.toLowerCase()));
  const recipients = [...email.to, ...email.cc].filter((a) => !withheld.has(a.toLowerCase()));
  const at = options.at.toISOString();
  const mail = {
    timestamp: email.sentAt,
    source: options.from,
    messageId: email.messageId,
    destination: recipients,
    tags: {
      'ses:configuration-set': [options.configurationSet],
      [outboxRefTag]: [encodeRefTag(outboxRef(email))],
    },
    commonHeaders: { subject: email.subject },
  };
  const envelope = (type: keyof typeof detailTypes, detail: Record<string, unknown>): MailEvent => ({
    version: '0',
    id: `${email.messageId}-${type.toLowerCase()}`,
    'detail-type': detailTypes[type],
    source: 'aws.ses',
    account: '000000000000',
    time: at,
    region: 'us-east-1',
    resources: [],
    detail: { eventType: type, mail, ...detail },
  });
  const by = (fate: Fate) => recipients.filter((r) => fateOf(r) === fate);
  const events: MailEvent[] = [];
  const delivered = [...by('delivered'), ...by('complained')];
  if (delivered.length)
    events.push(
      envelope('Delivery', {
        delivery: {
          timestamp: at,
          recipients: delivered,
          smtpResponse: '250 2.6.0 Message received',
          processingTimeMillis: 120,
        },
      }),
    );
  const bounced = [
    ...by('bounced').map((emailAddress) => ({
      emailAddress,
      subType: 'General',
      code: 'smtp; 550 5.1.1 user unknown',
    })),
    ...by('suppressed').map((emailAddress) => ({
      emailAddress,
      subType: 'OnAccountSuppressionList',
      code: 'Amazon SES did not send the message to this address because it is on the suppression list for your account.',
    })),
  ];
  if (bounced.length)
    events.push(
      envelope('Bounce', {
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: bounced[0]?.subType,
          bouncedRecipients: bounced.map((b) => ({
            emailAddress: b.emailAddress,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: b.code,
          })),
          timestamp: at,
          feedbackId: `${email.messageId}-bounce`,
        },
      }),
    );
  const complained = by('complained');
  if (complained.length)
    events.push(
      envelope('Complaint', {
        complaint: {
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          timestamp: at,
          feedbackId: `${email.messageId}-complaint`,
          complaintFeedbackType: 'abuse',
        },
      }),
    );
  return events;
};

/** The stream records the simulator reads: an outbox email whose status became `sent`. */
export const sentEmailTrigger: StreamTrigger = {
  filter: {
    eventName: ['MODIFY'],
    dynamodb: { NewImage: { type: { S: ['email'] }, status: { S: ['sent'] } } },
  },
  batchSize: 10,
  maxRetryAttempts: 3,
  bisectBatchOnError: false,
  // EventBridge invokes the recorder for each event as it comes, many at once.
  parallelization: 10,
};

/**
 * A stream consumer that reports each sent email's events to `record` (the mailEvents
 * function's handler), in the order SES would: delivery, then bounce or complaint.
 */
export const mailboxSimulator =
  (options: {
    record: (event: MailEvent, context: Context) => Promise<unknown>;
    context: () => Context;
    clock: Clock;
    configurationSet: string;
    from: string;
  }) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      const before = record.dynamodb?.OldImage;
      const after = record.dynamodb?.NewImage;
      if (!after || before?.status?.S === 'sent') continue;
      const email = unmarshall(after as Record<string, AttributeValue>) as SentEmail;
      try {
        for (const mailEvent of simulatedEvents(email, { ...options, at: options.clock.now() }))
          await options.record(mailEvent, options.context());
      } catch {
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
