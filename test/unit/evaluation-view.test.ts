import { describe, expect, it } from 'vitest';
import {
  averageWords,
  csvFileName,
  dayWords,
  percent,
  type RatingResult,
  type RecommendResult,
  ratingRows,
  recommendHeadline,
  recommendPhrase,
  respondedWords,
  stateWords,
  type TextResult,
  textAnswers,
} from '../../console/src/evaluation-view.ts';

const rating = (counts: number[], average: number | null): RatingResult => ({
  id: 'overall',
  kind: 'rating',
  text: 'How useful was the learning circle for your work?',
  answered: counts.reduce((a, b) => a + b, 0),
  distribution: counts.map((count, i) => ({ score: i + 1, count })),
  average,
});

const recommend = (yes: number, no: number): RecommendResult => ({
  id: 'recommend',
  kind: 'recommend',
  text: 'Would you recommend the learning circle to a colleague?',
  answered: yes + no,
  yes,
  no,
  rate: yes + no ? Math.round((yes / (yes + no)) * 1000) / 10 : null,
});

describe('the Evaluation page’s words and figures', () => {
  it('counts who answered of the participants', () => {
    expect(respondedWords({ participants: 18, responded: 12 })).toBe('12 of 18 participants answered');
    expect(respondedWords({ participants: 1, responded: 0 })).toBe('0 of 1 participant answered');
  });

  it('says where the evaluation stands, with its closing day in words', () => {
    expect(dayWords('2025-03-26')).toBe('Wednesday 26 March 2025');
    expect(stateWords({ state: 'open', closesOn: '2025-03-26' })).toBe(
      'Open: participants can answer and change their answers until the end of Wednesday 26 March 2025.',
    );
    expect(stateWords({ state: 'closed', closesOn: '2025-03-26' })).toContain(
      'Closed at the end of Wednesday 26 March 2025',
    );
    expect(stateWords({ state: 'not-yet-open', closesOn: '2025-03-26' })).toMatch(/^Not open yet/);
  });

  it('makes the headline of the recommendation, rounded to a whole percentage, with its counts', () => {
    expect(recommendHeadline([rating([0, 0, 1, 2, 1], 4), recommend(11, 1)])).toEqual({
      figure: '92%',
      phrase: 'would recommend the learning circle to a colleague',
      counts: '11 yes, 1 no, of 12 answers',
    });
    expect(recommendHeadline([recommend(0, 0)])).toEqual({
      figure: undefined,
      phrase: 'would recommend the learning circle to a colleague',
      counts: 'Nobody has answered this yet.',
    });
    expect(recommendHeadline([rating([1, 0, 0, 0, 0], 1)])).toBeUndefined();
    expect(recommendPhrase('Is the program worth it?')).toBe('answered yes');
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });

  it('lists a rating from 5 down to 1, each with its label, count and share, and says its average', () => {
    const q = rating([0, 1, 1, 2, 0], 3.25);
    expect(ratingRows(q)).toEqual([
      { score: 5, label: '5 – extremely', count: 0, share: 0 },
      { score: 4, label: '4 – very', count: 2, share: 50 },
      { score: 3, label: '3 – somewhat', count: 1, share: 25 },
      { score: 2, label: '2 – a little', count: 1, share: 25 },
      { score: 1, label: '1 – not at all', count: 0, share: 0 },
    ]);
    expect(averageWords(q)).toBe('Average 3.25 out of 5, from 4 answers.');
    expect(averageWords(rating([0, 0, 0, 0, 1], 5))).toBe('Average 5 out of 5, from 1 answer.');
    expect(averageWords(rating([0, 0, 0, 0, 0], null))).toBe('No answers yet.');
  });

  it('lists the written answers as given, leaving out blank ones', () => {
    const q: TextResult = {
      id: 'learned',
      kind: 'text',
      text: 'What did you learn?',
      answered: 3,
      texts: ['  Listening first. ', '', 'Line one\nline two'],
    };
    expect(textAnswers(q)).toEqual(['Listening first.', 'Line one\nline two']);
  });

  it('names the download as the API does', () => {
    expect(csvFileName('metlib-2024')).toBe('evaluation-metlib-2024.csv');
  });
});
