import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { ServiceUnavailableError } from '../domain/errors.ts';
import { MailOutcomeUnknownError, MailRefusedError, MailThrottledError } from '../domain/mail-delivery.ts';
import type { EmailMessage } from '../email/templates.ts';
import type { EmailSender } from '../ports.ts';
import { requestHandler } from './aws-clients.ts';
import { callAws } from './aws-errors.ts';
import { encodeRefTag, outboxRefTag } from './ses-tags.ts';

/**
 * SES's answers that no retry changes: the message or a parameter is invalid, the sender or its
 * mail-from domain is not verified, the configuration set is gone, or the caller may not send.
 * A paused account is not among them: it can be resumed, and the attempt cap ends the retries.
 */
const refusals = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetDoesNotExist',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'ValidationError',
  'AccessDenied',
  'AccessDeniedException',
  'NotAuthorized',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
]);

/**
 * SES's answer to a send beyond the account's rate (the Query API's code, and the name some SDKs
 * give it); the same code with "Daily message quota exceeded" waits hours, not a second.
 */
const throttling = new Set(['Throttling', 'ThrottlingException']);

/** Failures after the request may have reached SES: it may have accepted the message. */
const uncertain = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const uncertainCodes = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

/** Sorts a failed send into refused for good, outcome unknown, or (as it was) worth a retry. */
export const classifySendFailure = (error: unknown): unknown => {
  const raw = error instanceof ServiceUnavailableError && error.cause instanceof Error ? error.cause : error;
  if (!(raw instanceof Error)) return error;
  const code = (raw as Error & { code?: string }).code;
  if (throttling.has(raw.name) && /maximum sending rate exceeded/i.test(raw.message))
    return new MailThrottledError(`SES refused the email for the sending rate: ${raw.message}`, {
      cause: raw,
    });
  if (refusals.has(raw.name))
    return new MailRefusedError(`SES refused the email: ${raw.message}`, { cause: raw });
  if (uncertain.has(raw.name) || (code !== undefined && uncertainCodes.has(code)))
    return new MailOutcomeUnknownError(`SES did not answer in time: ${raw.message}`, { cause: raw });
  return error;
};

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

  async send(message: EmailMessage, ref?: string): Promise<{ messageId: string }> {
    const raw = await new MailComposer({
      from: this.from,
      to: message.to,
      cc: message.cc,
      ...(message.replyTo?.length ? { replyTo: message.replyTo } : {}),
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
    try {
      const result = await callAws('The mail service', () =>
        this.client.send(
          new SendRawEmailCommand({
            RawMessage: { Data: raw },
            ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
            ...(ref ? { Tags: [{ Name: outboxRefTag, Value: encodeRefTag(ref) }] } : {}),
          }),
        ),
      );
      return { messageId: result.MessageId ?? '' };
    } catch (error) {
      throw classifySendFailure(error);
    }
  }
}
