import type { UndeliverableAddress } from '#shared/domain/mail-delivery';
import type { Detail } from './contract.ts';
import { formatInstant, Tag } from './ui.tsx';

/**
 * An address of the nomination that bounced for good, shown before anything else: organizers
 * correct it (the form below) and send the email again (the Emails table).
 */
export const UndeliverableWarning = ({ addresses }: { addresses: UndeliverableAddress[] }) =>
  addresses.length === 0 ? null : (
    <section
      class="govuk-inset-text app-undeliverable"
      id="undeliverable"
      aria-labelledby="undeliverable-heading"
    >
      <h2 class="govuk-heading-s" id="undeliverable-heading">
        Email cannot reach {addresses.length === 1 ? 'this address' : 'these addresses'}
      </h2>
      <ul class="govuk-list">
        {addresses.map((u) => (
          <li key={`${u.role}-${u.address}`}>
            The {u.role}’s address <strong>{u.address}</strong> bounced on {formatInstant(u.at)}
            {u.diagnostic ? `: ${u.diagnostic}` : ''}.
          </li>
        ))}
      </ul>
      <p class="govuk-body">Correct the address, then send the email again.</p>
    </section>
  );

type Email = Detail['emails'][number];

/** What became of an email: the outbox's status, then what the mail service reported of it. */
export const emailStatusLabel = (email: Email) => {
  const status = email.status === 'suppressed' ? 'not sent: the recipient complained' : email.status;
  const tries = email.attempts > 1 ? ` (${email.attempts} attempts)` : '';
  return email.delivery && email.status === 'sent' ? `${status}, ${email.delivery}` : `${status}${tries}`;
};

/** An email worth sending again: it failed, or the mail service bounced or rejected it. */
export const resendable = (email: Email) =>
  email.status === 'failed' ||
  email.delivery === 'bounced' ||
  email.delivery === 'rejected' ||
  (email.lastError !== undefined && email.status !== 'sent');

export const EmailStatus = ({ email }: { email: Email }) => {
  const report = email.deliveryEvents?.filter((e) => e.type !== 'delivered').at(-1);
  const tag =
    email.status === 'sent' && email.delivery ? email.delivery : resendable(email) ? 'failed' : email.status;
  return (
    <>
      <Tag value={tag} label={emailStatusLabel(email)} />
      {report?.diagnostic && <span class="govuk-hint"> {report.diagnostic}</span>}
      {email.lastError && email.status !== 'sent' && <span class="govuk-hint"> {email.lastError}</span>}
    </>
  );
};
