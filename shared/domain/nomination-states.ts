import { InvalidTransitionError } from './errors.ts';

export const nominationStatuses = [
  'unconfirmed',
  'submitted',
  'reviewed',
  'selected',
  'not_selected',
  'reserve',
  'notified',
  'withdrawn',
] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

export const nominationActions = [
  'confirm',
  'review',
  'select',
  'reject',
  'reserve',
  'notify',
  'offer-place',
  'close-reserve',
  'withdraw',
] as const;
export type NominationAction = (typeof nominationActions)[number];

export type Decision = 'selected' | 'not_selected' | 'reserve';

export interface NominationState {
  status: NominationStatus;
  /** Set when the nomination is notified: which decision the applicant was told. */
  decision?: Decision;
}

/**
 * The whole state machine as data. `notified` is split by the decision it announced, because a
 * notified participant may still withdraw while a notified rejected applicant has nothing left to do.
 *
 * The reserve list (docs/cohort.md): `reserve` is a third decision, with a rank; `reserve` again
 * on a reserve changes only its rank. Once told, a reserve is either offered a place that opened
 * (`offer-place`: selected and told in one step) or, when the reserve date passes, told that the
 * list has closed (`close-reserve`, which also ends a reserve nobody told yet).
 */
const table: Record<string, Partial<Record<NominationAction, NominationState>>> = {
  // Submitted but not yet confirmed by the nominator: nobody else sees it; it expires unconfirmed.
  unconfirmed: { confirm: { status: 'submitted' }, withdraw: { status: 'withdrawn' } },
  submitted: { review: { status: 'reviewed' }, withdraw: { status: 'withdrawn' } },
  reviewed: {
    review: { status: 'reviewed' },
    select: { status: 'selected' },
    reject: { status: 'not_selected' },
    reserve: { status: 'reserve' },
    withdraw: { status: 'withdrawn' },
  },
  selected: {
    reject: { status: 'not_selected' },
    reserve: { status: 'reserve' },
    notify: { status: 'notified', decision: 'selected' },
    withdraw: { status: 'withdrawn' },
  },
  not_selected: {
    select: { status: 'selected' },
    reserve: { status: 'reserve' },
    notify: { status: 'notified', decision: 'not_selected' },
    withdraw: { status: 'withdrawn' },
  },
  reserve: {
    select: { status: 'selected' },
    reject: { status: 'not_selected' },
    reserve: { status: 'reserve' },
    notify: { status: 'notified', decision: 'reserve' },
    'close-reserve': { status: 'notified', decision: 'not_selected' },
    withdraw: { status: 'withdrawn' },
  },
  'notified:selected': { withdraw: { status: 'withdrawn', decision: 'selected' } },
  'notified:not_selected': {},
  'notified:reserve': {
    reserve: { status: 'notified', decision: 'reserve' },
    'offer-place': { status: 'notified', decision: 'selected' },
    'close-reserve': { status: 'notified', decision: 'not_selected' },
    withdraw: { status: 'withdrawn', decision: 'reserve' },
  },
  withdrawn: {},
};

const row = (state: NominationState) =>
  table[state.status === 'notified' ? `notified:${state.decision}` : state.status] ?? {};

export const allowedActions = (state: NominationState): NominationAction[] =>
  nominationActions.filter((action) => row(state)[action] !== undefined);

export const nextState = (state: NominationState, action: NominationAction): NominationState => {
  const target = row(state)[action];
  if (!target) {
    const allowed = allowedActions(state);
    throw new InvalidTransitionError(
      `Cannot ${action} a nomination that is ${describe(state)}; allowed: ${allowed.join(', ') || 'none'}`,
      allowed,
    );
  }
  return target;
};

/** Whether a nomination in this state holds one of the program's places. */
export const holdsPlace = (state: NominationState): boolean =>
  state.status === 'selected' || (state.status === 'notified' && state.decision === 'selected');

/** Whether the applicant was told this decision (and has not withdrawn since). */
export const told = (state: NominationState, decision: Decision): boolean =>
  state.status === 'notified' && state.decision === decision;

/**
 * A participant of the program: selected and told so, not withdrawn. Reminders, the participant's
 * page, announcements, the evaluation and certificates are for them alone.
 */
export const isParticipant = (state: NominationState): boolean => told(state, 'selected');

/** Whether it is on the reserve list, told so or not: it holds a rank. */
export const onReserveList = (state: NominationState): boolean =>
  state.status === 'reserve' || (state.status === 'notified' && state.decision === 'reserve');

/** +1 when a transition takes a place, -1 when it gives one back, 0 otherwise. */
export const placeDelta = (from: NominationState, to: NominationState): -1 | 0 | 1 =>
  (Number(holdsPlace(to)) - Number(holdsPlace(from))) as -1 | 0 | 1;

const describe = (state: NominationState) =>
  state.status === 'notified'
    ? `notified (${state.decision === 'reserve' ? 'on the reserve list' : state.decision?.replace('_', ' ')})`
    : state.status === 'reserve'
      ? 'on the reserve list'
      : state.status.replace('_', ' ');
