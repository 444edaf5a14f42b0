import { decodeCursor, encodeCursor } from '#shared/adapters/nomination-cursor';
import { keys } from '#shared/adapters/table-design';
import {
  CapacityReachedError,
  DuplicateNominationError,
  RankTakenError,
  StipendsExhaustedError,
  TooManySubmissionsError,
  VersionConflictError,
} from '#shared/domain/errors';
import { candidateKey, type Nomination } from '#shared/domain/nomination';
import type { NominationStatus } from '#shared/domain/nomination-states';
import type { Review } from '#shared/domain/reviews';
import type {
  AuditEntry,
  NominationDetail,
  NominationPage,
  NominationStore,
  OutboxEmail,
  SubmissionCounter,
  TransitionWrite,
} from '#shared/ports';
import { emailRef, type InMemoryOutbox } from './outbox.ts';

const guardKey = (programId: string, email: string) => `${programId}#${candidateKey(email)}`;

const duplicate = (email: string) =>
  new DuplicateNominationError(`${email} has already been nominated for this program`);

/** The listing key of the program index: status, then submission time, then id. */
const listingKey = (n: Nomination) => keys.byStatus(n.status, n.submittedAt, n.id);

/**
 * DynamoDbNominationStore in maps. Each write checks every condition of its DynamoDB transaction
 * first and writes only when all hold, with no await in between, so it is as atomic here as the
 * transaction is there:
 * - create: the nomination id must be free, and so must the audit entry and each email's key;
 *   each counter below its limit (TooManySubmissionsError); an unconfirmed nomination takes no
 *   guard, any other the candidate's (per program, case-insensitive through `candidateKey`),
 *   DuplicateNominationError when it is taken.
 * - unconfirmed nominations are in no listing.
 * - applyTransition: the nomination must still be at `before`'s version and status, the audit
 *   entry and emails new, each counter below its limit (TooManySubmissionsError, read first), a
 *   moved or taken guard's new address free (DuplicateNominationError naming its holder), and a +1 place below `capacity` (the
 *   counter starts at 0 and a -1 is unconditional), likewise a +1 stipend below `stipendLimit`
 *   (StipendsExhaustedError), and a reserve rank taken must be free (RankTakenError). A refused place is CapacityReachedError, a
 *   taken guard DuplicateNominationError, any other refusal VersionConflictError, as the adapter
 *   reads the cancellation reasons. A review replaces its reviewer's earlier one, unconditionally
 *   (the nomination's version guards it); a moved guard leaves the old address free.
 * - list: the program index order, a page of `limit`, and the adapter's own cursor (validated the
 *   same way). Like DynamoDB, a full page carries a cursor even when nothing follows it.
 * Everything read or written is a copy: a use case cannot change what is stored by mutating it.
 */
export class InMemoryNominationStore implements NominationStore {
  private readonly nominations = new Map<string, Nomination>();
  private readonly audits = new Map<string, AuditEntry[]>();
  /** Guard key → nomination id. */
  private readonly guards = new Map<string, string>();
  /** Counter key → submissions counted. */
  private readonly counters = new Map<string, number>();
  /** Program id → places taken. */
  private readonly places = new Map<string, number>();
  /** Program id → stipends awarded (STIPENDS). */
  private readonly stipends = new Map<string, number>();
  /** `<program>#<rank>` → the reserve holding it (RESERVE#<rank>). */
  private readonly ranks = new Map<string, string>();
  /** Nomination id → reviewer sub → their review (REVIEW#<sub>). */
  private readonly reviews = new Map<string, Map<string, Review>>();

  constructor(private readonly outbox: InMemoryOutbox) {}

  /** The places counter of a program, as the PLACES item holds it. */
  placesTaken(programId: string) {
    return this.places.get(programId) ?? 0;
  }

  /** How many nominations, audit entries and guards are stored: what a refusal must leave unchanged. */
  size() {
    return {
      nominations: this.nominations.size,
      audits: [...this.audits.values()].reduce((sum, entries) => sum + entries.length, 0),
      guards: this.guards.size,
    };
  }

  /** How many review items are stored, over every nomination. */
  reviewItems() {
    return [...this.reviews.values()].reduce((sum, byReviewer) => sum + byReviewer.size, 0);
  }

  /** The nomination whose guard holds a candidate address in a program, if any. */
  guardOf(programId: string, email: string) {
    return this.guards.get(guardKey(programId, email));
  }

  async create(
    nomination: Nomination,
    audit: AuditEntry,
    emails: OutboxEmail[],
    counters: readonly SubmissionCounter[] = [],
  ): Promise<void> {
    const guard =
      nomination.status === 'unconfirmed'
        ? undefined
        : guardKey(nomination.programId, nomination.candidate.email);
    this.requireBelowLimits(counters);
    if (guard && this.guards.has(guard)) throw duplicate(nomination.candidate.email);
    this.requireFreshWrites(nomination, [audit], emails, () => new Error('The transaction was cancelled'));
    if (this.nominations.has(nomination.id)) throw new Error('The transaction was cancelled: nomination');
    this.count(counters);
    this.nominations.set(nomination.id, structuredClone(nomination));
    if (guard) this.guards.set(guard, nomination.id);
    this.audits.set(nomination.id, [structuredClone(audit)]);
    this.insertEmails(nomination, emails, audit.at);
  }

  async get(id: string): Promise<Nomination | undefined> {
    const n = this.nominations.get(id);
    return n && structuredClone(n);
  }

  async getDetail(id: string): Promise<NominationDetail | undefined> {
    const nomination = this.nominations.get(id);
    if (!nomination) return undefined;
    return {
      nomination: structuredClone(nomination),
      history: structuredClone(this.audits.get(id) ?? []).sort((a, b) => a.version - b.version),
      emails: this.outbox.recordsOf(id),
      reviews: await this.reviewsOf(id),
    };
  }

  async reviewBy(id: string, reviewer: string): Promise<Review | undefined> {
    const review = this.reviews.get(id)?.get(reviewer);
    return review && structuredClone(review);
  }

  async reviewsOf(id: string): Promise<Review[]> {
    // The partition sorts them by sub.
    return [...(this.reviews.get(id)?.values() ?? [])]
      .sort((a, b) => (a.reviewer < b.reviewer ? -1 : 1))
      .map((r) => structuredClone(r));
  }

  async getEmail(id: string, key: string): Promise<OutboxEmail | undefined> {
    const stored = this.nominations.get(id);
    return (
      stored && this.outbox.find(emailRef({ programId: stored.programId, nominationId: id }, key))?.email
    );
  }

  async list(
    programId: string,
    query: { status?: NominationStatus; limit: number; cursor?: string },
  ): Promise<NominationPage> {
    const after = query.cursor ? decodeCursor(query.cursor, programId, query.status).gsi1sk : undefined;
    const page = [...this.nominations.values()]
      .filter(
        (n) =>
          n.programId === programId &&
          n.status !== 'unconfirmed' &&
          (!query.status || n.status === query.status),
      )
      .sort((a, b) => (listingKey(a) < listingKey(b) ? -1 : 1))
      .filter((n) => after === undefined || listingKey(n) > after)
      .slice(0, query.limit);
    const last = page.length === query.limit ? page.at(-1) : undefined;
    return {
      items: page.map((n) => structuredClone(n)),
      ...(last
        ? {
            cursor: encodeCursor(programId, query.status, {
              ...keys.nomination(last.id),
              gsi1pk: keys.byProgram(programId),
              gsi1sk: listingKey(last),
            }),
          }
        : {}),
    };
  }

  async takenRanks(programId: string): Promise<number[]> {
    return [...this.ranks.keys()]
      .filter((key) => key.startsWith(`${programId}#`))
      .map((key) => Number(key.slice(programId.length + 1)));
  }

  async applyTransition(write: TransitionWrite): Promise<void> {
    const { before, after, placeDelta, capacity } = write;
    // The adapter reads a refused place first, whatever else failed with it.
    const stored = this.nominations.get(before.id);
    const taken = this.placesTaken(before.programId);
    if (placeDelta > 0 && taken >= capacity) {
      throw new CapacityReachedError(
        `All ${capacity} places are taken; reject or withdraw a selected nomination first`,
      );
    }
    const conflict = () =>
      new VersionConflictError('The nomination was changed by someone else; reload it and try again');
    const awarded = this.stipends.get(before.programId) ?? 0;
    if ((write.stipendDelta ?? 0) > 0 && awarded >= (write.stipendLimit ?? 0)) {
      throw new StipendsExhaustedError(
        `All ${write.stipendLimit} travel stipends are awarded; change another award first`,
      );
    }
    // As the adapter reads them: a full counter first, whatever else failed with it.
    this.requireBelowLimits(write.counters ?? []);
    if (stored?.version !== before.version || stored.status !== before.status) throw conflict();
    const { from: rankGiven, to: rankTaken } = write.rankChange ?? {};
    const rankKey = (rank: number) => `${before.programId}#${rank}`;
    if (rankTaken !== undefined && this.ranks.has(rankKey(rankTaken))) {
      throw new RankTakenError(
        `Rank ${rankTaken} on the reserve list is taken; give another rank or move that reserve first`,
      );
    }
    const move = write.guardMove && {
      from: guardKey(before.programId, write.guardMove.from),
      to: guardKey(before.programId, write.guardMove.to),
    };
    const address = write.guardMove?.to ?? write.guardTake;
    const take = write.guardTake && guardKey(before.programId, write.guardTake);
    const wanted = move?.to ?? take;
    if (address && wanted && this.guards.has(wanted)) {
      const refused = duplicate(address);
      refused.holder = this.guards.get(wanted);
      throw refused;
    }
    const release = write.guardRelease && guardKey(before.programId, write.guardRelease);
    this.requireFreshWrites(before, [write.audit], write.emails, conflict);
    this.nominations.set(before.id, structuredClone(after));
    this.count(write.counters ?? []);
    if (move) {
      this.guards.delete(move.from);
      this.guards.set(move.to, before.id);
    }
    if (take) this.guards.set(take, before.id);
    if (release && this.guards.get(release) === before.id) this.guards.delete(release);
    if (write.review) {
      const byReviewer = this.reviews.get(before.id) ?? new Map<string, Review>();
      byReviewer.set(write.review.reviewer, structuredClone(write.review));
      this.reviews.set(before.id, byReviewer);
    }
    this.audits.get(before.id)?.push(structuredClone(write.audit));
    this.insertEmails(before, write.emails, write.audit.at);
    if (placeDelta !== 0) this.places.set(before.programId, taken + placeDelta);
    if (write.stipendDelta) this.stipends.set(before.programId, awarded + write.stipendDelta);
    if (rankGiven !== undefined && this.ranks.get(rankKey(rankGiven)) === before.id)
      this.ranks.delete(rankKey(rankGiven));
    if (rankTaken !== undefined) this.ranks.set(rankKey(rankTaken), before.id);
  }

  /** The counters' conditions: each below its limit. */
  private requireBelowLimits(counters: readonly SubmissionCounter[]) {
    const full = counters.find((c) => (this.counters.get(c.key) ?? 0) >= c.limit);
    if (full) throw new TooManySubmissionsError(full.refusal);
  }

  private count(counters: readonly SubmissionCounter[]) {
    for (const counter of counters) this.counters.set(counter.key, (this.counters.get(counter.key) ?? 0) + 1);
  }

  /** The `attribute_not_exists` conditions on a transaction's audit entries and emails. */
  private requireFreshWrites(
    nomination: Nomination,
    audits: AuditEntry[],
    emails: OutboxEmail[],
    refusal: () => Error,
  ) {
    const versions = new Set((this.audits.get(nomination.id) ?? []).map((a) => a.version));
    const taken =
      audits.some((a) => versions.has(a.version)) ||
      emails.some((e) =>
        this.outbox.has(emailRef({ programId: nomination.programId, nominationId: nomination.id }, e.key)),
      );
    if (taken) throw refusal();
  }

  private insertEmails(nomination: Nomination, emails: OutboxEmail[], at: string) {
    for (const email of emails) {
      this.outbox.insert({ programId: nomination.programId, nominationId: nomination.id, email }, at);
    }
  }
}
