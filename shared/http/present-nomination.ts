import type { Actor } from '../domain/actor.ts';
import { globalSouthFor, regionFor } from '../domain/cohort.ts';
import { globalSouthByData } from '../domain/global-south.ts';
import { currentUndeliverable } from '../domain/mail-delivery.ts';
import type { Nomination } from '../domain/nomination.ts';
import { allowedActions } from '../domain/nomination-states.ts';
import { referenceOf } from '../domain/reference.ts';
import { regionOf } from '../domain/regions.ts';
import {
  hasDeclaredConflict,
  hasReviewed,
  isOrganizer,
  type Review,
  seesNotes,
  seesReviews,
  withoutNotes,
} from '../domain/reviews.ts';
import type { AuditEntry, NominationDetail } from '../ports.ts';

/**
 * The review summary as `viewer` may see it. Blind until you have reviewed: a reviewer who has not
 * reviewed learns how many have, and nothing of what they said (withheld, not refused).
 */
const reviewSummary = (n: Nomination, viewer: Actor) =>
  seesReviews(viewer, n)
    ? {
        count: n.reviewCount,
        scored: n.scoreCount ?? 0,
        averageScore: n.scoreCount ? Math.round((n.scoreTotal / n.scoreCount) * 100) / 100 : null,
      }
    : { count: n.reviewCount, scored: null, averageScore: null, withheld: true };

/**
 * A nomination as the API shows it to `viewer`: fields in a reading order, the review summary and
 * what can happen next, and where the viewer stands with it. A viewer who declared a conflict of
 * interest sees no reviews and no staff notes (the stipend decision's).
 */
export const presentNomination = (nomination: Nomination, viewer: Actor) => {
  const n = seesNotes(viewer, nomination) ? nomination : withoutNotes(nomination);
  return presentAs(n, viewer);
};

const presentAs = (n: Nomination, viewer: Actor) => ({
  id: n.id,
  reference: referenceOf(n.id),
  programId: n.programId,
  status: n.status,
  ...(n.decision ? { decision: n.decision } : {}),
  ...(n.duplicateOf ? { duplicateOf: n.duplicateOf } : {}),
  version: n.version,
  allowedActions: allowedActions(n),
  submittedAt: n.submittedAt,
  updatedAt: n.updatedAt,
  reviews: reviewSummary(n, viewer),
  reviewedByMe: hasReviewed(viewer, n),
  conflictDeclaredByMe: hasDeclaredConflict(viewer, n),
  conflictCount: (n.conflicts ?? []).length,
  ...(n.reserveRank !== undefined ? { reserveRank: n.reserveRank } : {}),
  library: n.library,
  region: regionFor(n),
  // What the country implies, and the organizers' corrections of it (docs/cohort.md).
  classification: {
    region: regionOf(n.library.country),
    globalSouthByCountry: globalSouthByData(n.library.country),
    globalSouth: globalSouthFor(n),
    overrides: n.classification ?? {},
  },
  stipend: {
    requested: n.travel.conditionalOnStipend,
    eligible: globalSouthFor(n),
    decision: n.stipend ?? null,
    told: n.stipendTold === true,
  },
  // The participant's certificate once issued: when, and the name it bears.
  ...(n.certificate ? { certificate: n.certificate } : {}),
  nominator: n.nominator,
  candidate: n.candidate,
  project: n.project,
  motivation: n.motivation,
  travel: n.travel,
  themes: n.themes,
  commitments: n.commitments,
});

/**
 * A nomination as the listing answers it (each item of `GET /programs/{programId}/nominations`),
 * and as a correction, a classification, a stipend decision or a conflict declared does.
 */
export type PresentedNomination = ReturnType<typeof presentAs>;

const presentReview = (r: Review) => ({
  reviewer: r.email ?? r.reviewer,
  ...(r.score !== undefined ? { score: r.score } : {}),
  ...(r.note !== undefined ? { note: r.note } : {}),
  at: r.at,
});

/** An entry of the history without what its author said. */
const withheld = ({ note: _, score: __, ...entry }: AuditEntry) => entry;

/**
 * One nomination with its history, emails and reviews as `viewer` may see them: a reviewer who
 * has not reviewed it gets no reviews and the history's review entries without note or score;
 * only organizers see the conflict declarations and why they were made. Whoever declared a
 * conflict of interest with it gets no reviews and no entry's note or score, their own included.
 */
export const presentDetail = ({ nomination, history, emails, reviews }: NominationDetail, viewer: Actor) => {
  const open = seesReviews(viewer, nomination);
  const notes = seesNotes(viewer, nomination);
  const organizer = isOrganizer(viewer, nomination.programId);
  const summary = presentNomination(nomination, viewer);
  const shown = (entry: AuditEntry) =>
    !notes || (entry.action === 'review' && !open) || (entry.action === 'declare-conflict' && !organizer)
      ? withheld(entry)
      : entry;
  return {
    ...summary,
    reviews: { ...summary.reviews, entries: open ? reviews.map(presentReview) : [] },
    history: history.map(shown),
    emails,
    // The addresses that bounced for good and are still the nomination's, for organizers to correct.
    undeliverable: currentUndeliverable(nomination),
    ...(organizer
      ? {
          conflicts: (nomination.conflicts ?? []).map((c) => ({
            by: c.email ?? c.by,
            at: c.at,
            ...(c.note !== undefined && notes ? { note: c.note } : {}),
          })),
        }
      : {}),
  };
};

/**
 * One nomination as `GET /nominations/{id}` answers it, and a transition's `POST` too: the type the
 * console reads it by.
 */
export type PresentedDetail = ReturnType<typeof presentDetail>;
