import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../shared/domain/errors.ts';
import {
  allowedActions,
  isParticipant,
  type NominationAction,
  type NominationState,
  nextState,
  nominationActions,
  onReserveList,
  placeDelta,
} from '../../shared/domain/nomination-states.ts';

const states: Record<string, NominationState> = {
  submitted: { status: 'submitted' },
  reviewed: { status: 'reviewed' },
  selected: { status: 'selected' },
  not_selected: { status: 'not_selected' },
  reserve: { status: 'reserve' },
  'notified (selected)': { status: 'notified', decision: 'selected' },
  'notified (not selected)': { status: 'notified', decision: 'not_selected' },
  'notified (reserve)': { status: 'notified', decision: 'reserve' },
  withdrawn: { status: 'withdrawn' },
};

/** The design's state diagram, written out independently of the implementation's table. */
const expected: Record<string, Partial<Record<NominationAction, string>>> = {
  submitted: { review: 'reviewed', withdraw: 'withdrawn' },
  reviewed: {
    review: 'reviewed',
    select: 'selected',
    reject: 'not_selected',
    reserve: 'reserve',
    withdraw: 'withdrawn',
  },
  selected: { reject: 'not_selected', reserve: 'reserve', notify: 'notified', withdraw: 'withdrawn' },
  not_selected: { select: 'selected', reserve: 'reserve', notify: 'notified', withdraw: 'withdrawn' },
  reserve: {
    select: 'selected',
    reject: 'not_selected',
    reserve: 'reserve',
    notify: 'notified',
    'close-reserve': 'notified',
    withdraw: 'withdrawn',
  },
  'notified (selected)': { withdraw: 'withdrawn' },
  'notified (not selected)': {},
  'notified (reserve)': {
    reserve: 'notified',
    'offer-place': 'notified',
    'close-reserve': 'notified',
    withdraw: 'withdrawn',
  },
  withdrawn: {},
};

describe('the nomination state table', () => {
  const cases = Object.keys(states).flatMap((state) =>
    nominationActions.map((action) => [state, action] as const),
  );

  it.each(cases)('%s × %s', (state, action) => {
    const from = states[state] as NominationState;
    const to = expected[state]?.[action];
    if (to) {
      expect(nextState(from, action).status).toBe(to);
    } else {
      expect(() => nextState(from, action)).toThrow(InvalidTransitionError);
    }
  });

  it('lists the allowed actions of each state', () => {
    for (const [state, actions] of Object.entries(expected)) {
      expect(allowedActions(states[state] as NominationState)).toEqual(
        nominationActions.filter((a) => a in actions),
      );
    }
  });

  it('records the decision that notify announces', () => {
    expect(nextState({ status: 'selected' }, 'notify')).toEqual({ status: 'notified', decision: 'selected' });
    expect(nextState({ status: 'not_selected' }, 'notify')).toEqual({
      status: 'notified',
      decision: 'not_selected',
    });
  });

  it('names the allowed actions in the error', () => {
    try {
      nextState({ status: 'submitted' }, 'select');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidTransitionError).allowedActions).toEqual(['review', 'withdraw']);
      expect((error as Error).message).toBe(
        'Cannot select a nomination that is submitted; allowed: review, withdraw',
      );
    }
  });

  it('counts places: taken on select, given back on reject or withdraw, kept through notify', () => {
    expect(placeDelta({ status: 'reviewed' }, { status: 'selected' })).toBe(1);
    expect(placeDelta({ status: 'not_selected' }, { status: 'selected' })).toBe(1);
    expect(placeDelta({ status: 'selected' }, { status: 'not_selected' })).toBe(-1);
    expect(placeDelta({ status: 'selected' }, { status: 'notified', decision: 'selected' })).toBe(0);
    expect(
      placeDelta({ status: 'notified', decision: 'selected' }, { status: 'withdrawn', decision: 'selected' }),
    ).toBe(-1);
    expect(placeDelta({ status: 'reviewed' }, { status: 'withdrawn' })).toBe(0);
  });

  it('takes a place when a told reserve is offered one, and none when the reserve list closes', () => {
    const told = { status: 'notified', decision: 'reserve' } as const;
    expect(nextState(told, 'offer-place')).toEqual({ status: 'notified', decision: 'selected' });
    expect(placeDelta(told, nextState(told, 'offer-place'))).toBe(1);
    expect(nextState(told, 'close-reserve')).toEqual({ status: 'notified', decision: 'not_selected' });
    expect(placeDelta(told, nextState(told, 'close-reserve'))).toBe(0);
    expect(() => nextState(told, 'select')).toThrow(
      'Cannot select a nomination that is notified (on the reserve list); allowed: reserve, offer-place, close-reserve, withdraw',
    );
  });

  it('counts as a participant only someone told they were selected who has not left', () => {
    expect(isParticipant({ status: 'notified', decision: 'selected' })).toBe(true);
    expect(isParticipant({ status: 'selected' })).toBe(false);
    expect(isParticipant({ status: 'notified', decision: 'reserve' })).toBe(false);
    expect(isParticipant({ status: 'withdrawn', decision: 'selected' })).toBe(false);
  });

  it('keeps a reserve on the list, told or not, until it is offered a place, the list closes or it withdraws', () => {
    const reserve = nextState({ status: 'reviewed' }, 'reserve');
    const told = nextState(reserve, 'notify');
    expect(onReserveList(reserve)).toBe(true);
    expect(onReserveList(told)).toBe(true);
    for (const action of ['offer-place', 'close-reserve', 'withdraw'] as const) {
      expect(onReserveList(nextState(told, action))).toBe(false);
    }
    expect(onReserveList(nextState(reserve, 'select'))).toBe(false);
    expect(onReserveList({ status: 'notified', decision: 'selected' })).toBe(false);
  });
});
