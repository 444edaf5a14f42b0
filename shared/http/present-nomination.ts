import type { Nomination } from '../domain/nomination.ts';
import { allowedActions } from '../domain/nomination-states.ts';

/** A nomination as the API shows it: fields in a reading order, the review summary and what can happen next. */
export const presentNomination = (n: Nomination) => ({
  id: n.id,
  programId: n.programId,
  status: n.status,
  ...(n.decision ? { decision: n.decision } : {}),
  version: n.version,
  allowedActions: allowedActions(n),
  submittedAt: n.submittedAt,
  updatedAt: n.updatedAt,
  reviews: {
    count: n.reviewCount,
    scored: n.scoreCount ?? 0,
    averageScore: n.scoreCount ? Math.round((n.scoreTotal / n.scoreCount) * 100) / 100 : null,
  },
  library: n.library,
  nominator: n.nominator,
  candidate: n.candidate,
  project: n.project,
  motivation: n.motivation,
  travel: n.travel,
  themes: n.themes,
  commitments: n.commitments,
});
