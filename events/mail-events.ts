import { decodeRefTag, outboxRefTag } from '#shared/adapters/ses-tags';
import type { DeliveryEvent } from '#shared/domain/mail-delivery';
import * as z from '#shared/domain/zod';

/**
 * What SES publishes for a configuration set's events, as EventBridge delivers it: the SES event
 * record (the same JSON an SNS destination carries as its Message) under `detail`. Only what the
 * system reads is checked; SES adds fields over time, so the rest passes.
 */
const recipient = z.looseObject({
  emailAddress: z.string(),
  diagnosticCode: z.optional(z.string()),
});

export const sesEventSchema = z.looseObject({
  eventType: z.enum([
    'Bounce',
    'Complaint',
    'Delivery',
    'Reject',
    'Send',
    'Open',
    'Click',
    'DeliveryDelay',
    'RenderingFailure',
    'Subscription',
  ]),
  mail: z.looseObject({
    timestamp: z.string(),
    messageId: z.string(),
    destination: z.array(z.string()),
    tags: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(recipient),
      timestamp: z.string(),
      feedbackId: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(
    z.looseObject({
      complainedRecipients: z.array(recipient),
      timestamp: z.string(),
      feedbackId: z.optional(z.string()),
      complaintFeedbackType: z.optional(z.string()),
    }),
  ),
  delivery: z.optional(
    z.looseObject({
      timestamp: z.string(),
      recipients: z.array(z.string()),
      smtpResponse: z.optional(z.string()),
    }),
  ),
  reject: z.optional(z.looseObject({ reason: z.optional(z.string()) })),
});

export const mailEventSchema = z.looseObject({
  id: z.string(),
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  time: z.string(),
  detail: sesEventSchema,
});

export type SesEvent = z.infer<typeof sesEventSchema>;
export type MailEvent = z.infer<typeof mailEventSchema>;

/** EventBridge's detail-type for each SES event type the configuration set publishes. */
export const detailTypes = {
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Delivery: 'Email Delivered',
  Reject: 'Email Rejected',
} as const;

/**
 * The event as the system records it, or undefined when it is not about an outbox email (no
 * outbox tag: something else sent it through the configuration set) or not a kind recorded.
 */
export const toDeliveryEvent = (event: MailEvent): DeliveryEvent | undefined => {
  const { detail } = event;
  const tag = detail.mail.tags?.[outboxRefTag]?.[0];
  if (!tag) return undefined;
  const base = { id: event.id, ref: decodeRefTag(tag), messageId: detail.mail.messageId };
  const firstDiagnostic = (list: { diagnosticCode?: string | undefined }[]) =>
    list.find((r) => r.diagnosticCode)?.diagnosticCode;
  switch (detail.eventType) {
    case 'Bounce': {
      const b = detail.bounce;
      if (!b) return undefined;
      const diagnostic = firstDiagnostic(b.bouncedRecipients) ?? b.bounceSubType;
      return {
        ...base,
        type: 'bounced',
        at: b.timestamp,
        recipients: b.bouncedRecipients.map((r) => r.emailAddress),
        bounceType: b.bounceType,
        ...(diagnostic ? { diagnostic } : {}),
      };
    }
    case 'Complaint': {
      const c = detail.complaint;
      if (!c) return undefined;
      return {
        ...base,
        type: 'complained',
        at: c.timestamp,
        recipients: c.complainedRecipients.map((r) => r.emailAddress),
        ...(c.complaintFeedbackType ? { diagnostic: c.complaintFeedbackType } : {}),
      };
    }
    case 'Delivery': {
      const d = detail.delivery;
      if (!d) return undefined;
      return {
        ...base,
        type: 'delivered',
        at: d.timestamp,
        recipients: d.recipients,
        ...(d.smtpResponse ? { diagnostic: d.smtpResponse } : {}),
      };
    }
    case 'Reject':
      return {
        ...base,
        type: 'rejected',
        at: event.time,
        recipients: detail.mail.destination,
        ...(detail.reject?.reason ? { diagnostic: detail.reject.reason } : {}),
      };
    default:
      return undefined;
  }
};
