import type { Program } from './program.ts';

/**
 * The nominator's private links, sent by email only: one to confirm a submission, one to manage
 * it. Each is signed (shared/adapters/jwt-link-signer.ts), names one nomination and one purpose,
 * and expires; nothing else about the nomination is in it.
 */
export type LinkPurpose = 'confirm' | 'manage' | 'participant' | 'calendar';

export interface NominatorLink {
  nominationId: string;
  purpose: LinkPurpose;
  expiresAt: Date;
  /**
   * Which of the nomination's participant page links or calendar feed addresses this is: a link is
   * revoked by moving the nomination's generation on (participant-links.ts).
   */
  generation?: number;
}

/** How long a submission waits for its nominator's confirmation before it is dropped. */
export const confirmationHours = 48;

const hour = 3_600_000;

export const confirmationDeadline = (submittedAt: Date) =>
  new Date(submittedAt.getTime() + confirmationHours * hour);

/**
 * The manage link lasts until a year after decision day: long enough to see the outcome, short
 * enough that an old email stops being a key. It changes nothing once decisions are sent.
 */
export const manageLinkExpiry = (program: Program) =>
  new Date(new Date(program.decisionsDueAt).getTime() + 365 * 24 * hour);

export const confirmPath = (token: string) => `/nominations/confirm/${token}`;
export const managePath = (token: string) => `/nominations/manage/${token}`;
