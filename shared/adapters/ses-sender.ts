import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { EmailMessage } from '../email/templates.ts';
import type { EmailSender } from '../ports.ts';
import { requestHandler } from './aws-clients.ts';
import { callAws } from './aws-errors.ts';

/**
 * One attempt: SendRawEmail is not idempotent, and a retry after a timeout could deliver twice.
 * A failed send is retried by the mailer's trigger, under the outbox claim.
 */
export const sesClient = (endpoint?: string) =>
  new SESClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 1, requestHandler });

/**
 * Sends through SES as a raw MIME message built by nodemailer's composer, which encodes every
 * header value (no header injection) and carries the attachments (.ics invitations, PDF
 * certificates).
 */
export class SesSender implements EmailSender {
  constructor(
    private readonly client: SESClient,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const raw = await new MailComposer({
      from: this.from,
      to: message.to,
      cc: message.cc,
      subject: message.subject,
      text: message.text,
      html: message.html,
      ...(message.attachments?.length
        ? {
            attachments: message.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.content, 'base64'),
            })),
          }
        : {}),
    })
      .compile()
      .build();
    const result = await callAws('The mail service', () =>
      this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      ),
    );
    return { messageId: result.MessageId ?? '' };
  }
}
