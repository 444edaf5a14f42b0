/**
 * What the public routes may make us write and send. Anyone can type an address into the form or
 * a correction, so each address we write to, each source and each nominator's link is counted
 * (shared/use-cases/intake-counters.ts) in the write that causes the email.
 */

/** Mail providers where `j.doe@`, `jdoe@` and `j.d.o.e@` are one mailbox, under either name. */
const dotBlindDomains = new Set(['gmail.com', 'googlemail.com']);

/**
 * The address as the per-address limits count it: lower case, without a `+tag`, and for Gmail
 * without dots and under one domain, so `Victim+1@`, `victim+2@` and `vic.tim@googlemail.com`
 * are one mailbox that one limit protects. For counting only: emails go to the address as given,
 * since other providers treat dots and `+` as they choose, and the nominator typed what they meant.
 */
export const countingAddress = (email: string): string => {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  const local = address.slice(0, at).split('+')[0] ?? '';
  return dotBlindDomains.has(domain) ? `${local.replaceAll('.', '')}@gmail.com` : `${local}@${domain}`;
};

/**
 * How many times the nominator's link may give the candidate a new address. Each new address is
 * mailed the acknowledgement; two covers a typo and a changed job, and past them a stranger's
 * link is no relay: the nominator writes to the organizers' contact address instead.
 */
export const candidateAddressChanges = 2;

/** How many corrections one nominator's link may save in a day (UTC): plenty for typos, few for a script. */
export const correctionsPerDay = 10;
