import { type Actor, actorName } from '../domain/actor.ts';
import { authorize, type Permission } from '../domain/authorization.ts';
import { NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { isNominationId } from '../domain/nomination-id.ts';
import { refuseIfConflicted } from '../domain/reviews.ts';
import type { AuditEntry, Clock, NominationStore, TransitionWrite } from '../ports.ts';

export interface ChangeDeps {
  nominations: NominationStore;
  clock: Clock;
}

const notFound = (nominationId: string) => new NotFoundError(`There is no nomination "${nominationId}"`);

/**
 * The nomination, or 404: also for an id no nomination could have, and for one its nominator has
 * not confirmed yet, which nobody but the nominator's link may see.
 */
export const requireNomination = async (store: NominationStore, nominationId: string) => {
  const nomination = isNominationId(nominationId) ? await store.get(nominationId) : undefined;
  if (!nomination || nomination.status === 'unconfirmed') throw notFound(nominationId);
  return nomination;
};

/** The nomination with its history, emails and reviews, or 404 as `requireNomination`. */
export const requireDetail = async (store: NominationStore, nominationId: string) => {
  const detail = isNominationId(nominationId) ? await store.getDetail(nominationId) : undefined;
  if (!detail || detail.nomination.status === 'unconfirmed') throw notFound(nominationId);
  return detail;
};

/** What `read` finds, for an actor who may do `permission` in the program `programOf` names. */
const forActor = async <T>(
  actor: Actor,
  permission: Permission,
  read: () => Promise<T>,
  programOf: (found: T) => string,
) => {
  authorize(actor, permission, 'any-program');
  const found = await read();
  authorize(actor, permission, { programId: programOf(found) });
  return found;
};

/**
 * The nomination `actor` is to act on with `permission`: 403 before anything is read when they
 * may do it in no program, 404 as `requireNomination`, 403 when their rights stop short of its
 * program, 409 ConflictOfInterest when they declared one and the permission judges it.
 */
export const nominationFor = async (
  store: NominationStore,
  actor: Actor,
  permission: Permission,
  id: string,
) => {
  const nomination = await forActor(
    actor,
    permission,
    () => requireNomination(store, id),
    (n) => n.programId,
  );
  refuseIfConflicted(actor, nomination, permission);
  return nomination;
};

/** The same as `nominationFor`, with the nomination's history, emails and reviews. */
export const detailFor = (store: NominationStore, actor: Actor, permission: Permission, id: string) =>
  forActor(
    actor,
    permission,
    () => requireDetail(store, id),
    (d) => d.nomination.programId,
  );

/** 409 when the caller looked at another version than the one stored. */
export const checkExpectedVersion = (nomination: Nomination, expectedVersion: number | undefined) => {
  if (expectedVersion !== undefined && expectedVersion !== nomination.version) {
    throw new VersionConflictError(
      `The nomination is at version ${nomination.version}, not ${expectedVersion}; reload it and try again`,
    );
  }
};

type Change = {
  action: AuditEntry['action'];
  fields?: Partial<Nomination>;
  audit?: Partial<AuditEntry>;
} & Partial<
  Pick<TransitionWrite, 'emails' | 'guardMove' | 'guardTake' | 'stipendDelta' | 'stipendLimit' | 'counters'>
>;

/** The write of a change that keeps the status: the next version with `change` applied, and its audit entry. */
export const changeWrite = (deps: ChangeDeps, before: Nomination, actor: Actor, change: Change) => {
  const at = deps.clock.now().toISOString();
  const after: Nomination = { ...before, ...change.fields, version: before.version + 1, updatedAt: at };
  const write: TransitionWrite = {
    before,
    after,
    audit: {
      ...change.audit,
      at,
      actor: actorName(actor),
      actorId: actor.id,
      action: change.action,
      from: before.status,
      to: after.status,
      version: after.version,
    },
    emails: change.emails ?? [],
    placeDelta: 0,
    capacity: 0,
    ...(change.guardMove ? { guardMove: change.guardMove } : {}),
    ...(change.guardTake ? { guardTake: change.guardTake } : {}),
    ...(change.counters ? { counters: change.counters } : {}),
    ...(change.stipendDelta
      ? { stipendDelta: change.stipendDelta, stipendLimit: change.stipendLimit ?? 0 }
      : {}),
  };
  return write;
};

/**
 * A change of a nomination that keeps its status (a declaration, a correction, a resend): the
 * next version with `change` applied and its audit entry, written in one transaction conditioned
 * on the version read, with whatever else the change writes (emails, a guard move).
 */
export const recordChange = async (
  deps: ChangeDeps,
  before: Nomination,
  actor: Actor,
  change: Change,
): Promise<Nomination> => {
  const write = changeWrite(deps, before, actor, change);
  await deps.nominations.applyTransition(write);
  return write.after;
};
