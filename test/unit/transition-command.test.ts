import { describe, expect, it } from 'vitest';
import {
  classificationCommandSchema,
  transitionCommandSchema,
} from '../../shared/domain/transition-command.ts';
import { issuesOf, refusedFields } from '../support/schema-issues.ts';

const transition = (body: object) => refusedFields(transitionCommandSchema, body);
const classification = (body: object) => refusedFields(classificationCommandSchema, body);

describe('a transition', () => {
  it('takes a score with a review, and with no other action', () => {
    expect(transition({ action: 'review', score: 4 })).toEqual([]);
    expect(transition({ action: 'select' })).toEqual([]);
    expect(transition({ action: 'select', score: 4 })).toEqual(['score']);
    expect(transition({ action: 'reserve', score: 4 })).toEqual(['score']);
  });

  it('refuses a review without a score, with a note alone or with nothing', () => {
    expect(transition({ action: 'review' })).toEqual(['score']);
    expect(transition({ action: 'review', note: 'Looks fine' })).toEqual(['score']);
  });

  it('takes a rank with reserve, and with no other action', () => {
    expect(transition({ action: 'reserve', rank: 2 })).toEqual([]);
    expect(transition({ action: 'reserve' })).toEqual([]);
    expect(transition({ action: 'offer-place', rank: 2 })).toEqual(['rank']);
    expect(transition({ action: 'review', score: 3, rank: 2 })).toEqual(['rank']);
  });

  it('refuses a score or a rank out of range, and an action it does not know', () => {
    expect(transition({ action: 'review', score: 6 })).toEqual(['score']);
    expect(transition({ action: 'reserve', rank: 0 })).toEqual(['rank']);
    expect(transition({ action: 'approve' })).toEqual(['action']);
  });
});

describe('a correction of a nomination’s classification', () => {
  it('names a sub-region or a Global South status, either of which may be null to go back', () => {
    expect(classification({ subRegion: '202' })).toEqual([]);
    expect(classification({ globalSouth: true })).toEqual([]);
    expect(classification({ subRegion: null, globalSouth: null })).toEqual([]);
    expect(classification({ note: 'Nothing to correct', expectedVersion: 3 })).toHaveLength(1);
    expect(classification({})).toHaveLength(1);
  });

  it('refuses a code that is not a UN M49 sub-region', () => {
    // 150 is Europe, a region: a correction names the sub-region, and the region follows.
    expect(classification({ subRegion: '150' })).toEqual(['subRegion']);
  });

  it('gives, when the sub-region is not a code, an example of a code it accepts', () => {
    const [issue] = issuesOf(classificationCommandSchema, { subRegion: 202 });
    const example = issue?.message.match(/"(\d{3})"/)?.[1];
    expect(example).toBeDefined();
    expect(issuesOf(classificationCommandSchema, { subRegion: example })).toEqual([]);
  });
});
