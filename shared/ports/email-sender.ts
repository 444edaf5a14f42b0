import type { EmailMessage } from '../email/templates.ts';

export interface EmailSender {
  /** `ref` is the outbox reference, tagged on the message so the mail service's reports name it. */
  send(message: EmailMessage, ref?: string): Promise<{ messageId: string }>;
}
