import { JwtLinkSigner } from '../shared/adapters/jwt-link-signer.ts';
import { newLinkKeyPair } from '../shared/adapters/link-key-pair.ts';
import type { Clock } from '../shared/ports.ts';
import { type ConfirmNominationDeps, confirmNomination } from '../shared/use-cases/confirm-nomination.ts';
import type { IntakeLimits } from '../shared/use-cases/intake-counters.ts';
import { type SubmitNominationDeps, submitNomination } from '../shared/use-cases/submit-nomination.ts';

/** A link signer with a key of this run; the bench reads no emails, so it signs the links itself. */
export const benchLinks = (clock: Clock) => {
  const { privateJwk, publicKey } = newLinkKeyPair();
  return new JwtLinkSigner({ publicKeys: [publicKey], signingKey: async () => privateJwk }, clock);
};

/** Limits no benchmark reaches: it measures the work, not the refusals. */
export const benchLimits: IntakeLimits = { perNominatorPerDay: 1_000_000, perSourcePerHour: 1_000_000 };

export const benchSubmission = { origin: 'http://localhost', sourceIp: '127.0.0.1' };

/**
 * Submits and confirms as a nominator would, the confirmation link signed here rather than read
 * from an email: a nomination staff see, listed, as submitting alone made one before confirmation.
 */
export const submitConfirmed = async (
  deps: SubmitNominationDeps & ConfirmNominationDeps,
  programId: string,
  body: unknown,
) => {
  const submitted = await submitNomination(deps, programId, body, benchSubmission);
  const token = await deps.links.sign({
    nominationId: submitted.id,
    purpose: 'confirm',
    expiresAt: new Date(submitted.confirmBy ?? deps.clock.now()),
  });
  return (await confirmNomination(deps, token)).nomination;
};
