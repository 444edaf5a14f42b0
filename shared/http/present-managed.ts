import type { Nomination, NominationInput } from '../domain/nomination.ts';
import { bodyOrder } from '../domain/nomination-fields.ts';
import { addressChangesLeft, type Managed } from '../use-cases/manage-nomination.ts';

/**
 * Where a nomination stands as its nominator has been told: a decision shows once it is sent,
 * never before (selected, not selected and reserve all read "with the advisory group" until then).
 */
export type Standing =
  | 'awaiting-confirmation'
  | 'with-the-advisory-group'
  | 'selected'
  | 'reserve'
  | 'not-selected'
  | 'withdrawn';

export const standingOf = (n: Nomination): Standing => {
  if (n.status === 'unconfirmed') return 'awaiting-confirmation';
  if (n.status === 'withdrawn') return 'withdrawn';
  if (n.status !== 'notified') return 'with-the-advisory-group';
  return n.decision === 'selected' ? 'selected' : n.decision === 'reserve' ? 'reserve' : 'not-selected';
};

/** The nominator's own answers, in the form's order and nothing besides. */
const answersOf = (n: Nomination) =>
  Object.fromEntries(bodyOrder().map((key) => [key, n[key]])) as unknown as NominationInput;

/**
 * The nominator's page as data: what `GET /nominations/manage/{token}` answers a JSON client and
 * what the HTML page (shared/web/manage-pages.ts) is rendered from, so neither can show more than
 * the other. Nothing of the staff's side: no raw status or reserve rank before the decision is
 * sent, no reviews, stipend decision, classification, conflicts or `duplicateOf` (the answer to a
 * correction is the same whether or not the new candidate address was already nominated).
 */
export const presentManaged = ({ nomination: n, program, canCorrect, canWithdraw }: Managed) => ({
  id: n.id,
  programId: n.programId,
  standing: standingOf(n),
  canCorrect,
  canWithdraw,
  /** How many more times the candidate may be given a new address here; then, write to `contactEmail`. */
  ...(canCorrect ? { candidateAddressChangesLeft: addressChangesLeft(n) } : {}),
  contactEmail: program.contactEmail,
  ...answersOf(n),
});

export type ManagedView = ReturnType<typeof presentManaged>;
