import { referenceOf } from '../domain/reference.ts';
import { html } from './html.ts';
import type { EmailKind, EmailMessage } from './templates.ts';

export interface FailedEmail {
  kind: EmailKind;
  to: string[];
  subject: string;
  programId: string;
  nominationId?: string;
  reason: string;
  attempts: number;
}

/** The reason as the mail service gave it, with the email's own recipients' addresses left out. */
const withoutAddresses = (reason: string, addresses: string[]) =>
  addresses.reduce(
    (text, address) =>
      text.replace(new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '[the address]'),
    reason,
  );

/**
 * The organizers' one notice that an email will not go out. Plain: it is sent where no program
 * is loaded (the mailer), and names the nomination so they can open it in the console, correct
 * the address and send it again. It names no recipient and quotes no subject (a subject may name
 * the candidate): the alert is kept in the outbox and in the organizers' mailboxes, where no
 * erasure reaches, so the console, which shows the email with its recipients while the
 * nomination is kept, is where they look.
 */
export const deliveryFailedEmail = (organizers: string[], failed: FailedEmail): EmailMessage => {
  const reference = failed.nominationId ? ` (nomination ${referenceOf(failed.nominationId)})` : '';
  const subject = `Email not delivered: ${failed.kind}${reference}`;
  const recipients = failed.to.length;
  const paragraphs = [
    `An email of the ${failed.programId} program could not be sent and will not be retried.`,
    `Kind: ${failed.kind}, to ${recipients} recipient${recipients === 1 ? '' : 's'}.`,
    failed.nominationId
      ? `Nomination: ${failed.nominationId}. Open it in the staff console, correct the address if it is wrong, and send the email again.`
      : 'It was an email to the organizers.',
    `After ${failed.attempts} attempt${failed.attempts === 1 ? '' : 's'}, the mail service answered: ${withoutAddresses(failed.reason, failed.to)}`,
  ];
  return {
    to: organizers,
    cc: [],
    subject,
    html: html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #0b0c0c; max-width: 40em">
${paragraphs.map((p) => html`<p>${p}</p>\n`)}</body></html>`.value,
    text: `${paragraphs.join('\n\n')}\n`,
  };
};
