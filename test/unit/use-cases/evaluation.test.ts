import { describe, expect, it } from 'vitest';
import { metlib2024 } from '#events/programs/metlib-2024';
import { evaluationCsv } from '#shared/documents/evaluation-csv';
import {
  ForbiddenError,
  InvalidLinkError,
  ValidationError,
  VersionConflictError,
} from '#shared/domain/errors';
import type { Nomination } from '#shared/domain/nomination';
import { answerEvaluation, evaluationForm, readEvaluationResults } from '#shared/use-cases/evaluation';
import { runTimelineEvent } from '#shared/use-cases/run-timeline-event';
import {
  inMemoryWorld,
  nominated,
  organizer,
  queued,
  reviewer,
  scheduledInput,
} from '../../support/in-memory/world.ts';
import { tokenOf } from './participant-token.ts';

const open = '2025-03-10T12:00:00Z';

const cohort = async (now: string) => {
  const world = inMemoryWorld();
  const people: Nomination[] = [];
  for (let i = 0; i < 3; i++) people.push(await nominated(world, ['review', 'select', 'notify']));
  world.clock.set(now);
  return { world, people: people as [Nomination, Nomination, Nomination] };
};

const full = (recommend: 'yes' | 'no', overall = '5') => ({
  overall,
  meetings: '4',
  mentoring: '3',
  conference: '5',
  learned: 'How <Aarhus> runs its partnerships',
  recommend,
});

describe('the hosted evaluation', () => {
  it('takes answers from a participant’s link, editable while it is open', async () => {
    const { world, people } = await cohort(open);
    const token = await tokenOf(world, people[0]);
    expect((await evaluationForm(world, token)).state).toBe('open');
    const saved = await answerEvaluation(world, token, full('yes'));
    expect(saved).toMatchObject({
      version: 1,
      answers: { overall: 5, recommend: true, learned: 'How <Aarhus> runs its partnerships' },
    });
    const changed = await answerEvaluation(world, token, { ...full('yes', '4'), version: '1' });
    expect(changed).toMatchObject({ version: 2, answers: { overall: 4 }, submittedAt: saved.submittedAt });
    // A form shown before that change, sent later: refused, nothing lost.
    await expect(answerEvaluation(world, token, { ...full('no'), version: '1' })).rejects.toThrow(
      VersionConflictError,
    );
    expect((await world.evaluations.get(people[0].id))?.answers.recommend).toBe(true);
  });

  it('refuses bad answers, naming each, and a tampered link, saving nothing', async () => {
    const { world, people } = await cohort(open);
    const token = await tokenOf(world, people[0]);
    const error = (await answerEvaluation(world, token, {
      overall: '9',
      recommend: 'maybe',
      extra: 'x',
    }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'overall',
      'meetings',
      'mentoring',
      'conference',
      'recommend',
      'extra',
    ]);
    expect(error.issues[0]?.message).toBe(
      '“How useful was the learning circle for your work?”: choose from 1 to 5',
    );
    await expect(answerEvaluation(world, `${token.slice(0, -2)}xx`, full('yes'))).rejects.toThrow(
      InvalidLinkError,
    );
    expect(await world.evaluations.get(people[0].id)).toBeUndefined();
  });

  it('is closed before it opens and after its last day', async () => {
    for (const now of ['2025-03-04T12:00:00Z', '2025-03-27T04:00:01Z']) {
      const { world, people } = await cohort(now);
      await expect(answerEvaluation(world, await tokenOf(world, people[0]), full('yes'))).rejects.toThrow(
        ForbiddenError,
      );
    }
    // The last minute of 26 March in New York is still open.
    const { world, people } = await cohort('2025-03-27T03:59:00Z');
    expect((await answerEvaluation(world, await tokenOf(world, people[0]), full('yes'))).version).toBe(1);
  });

  it('reminds only those who have not answered, a week before it closes, once', async () => {
    const { world, people } = await cohort('2025-03-20T13:00:05Z');
    await answerEvaluation(world, await tokenOf(world, people[0]), full('yes'));
    const input = scheduledInput('evaluation-2025.reminder');
    expect(input).toMatchObject({ kind: 'evaluation-reminder', scheduledAt: '2025-03-20T13:00:00.000Z' });
    expect(await runTimelineEvent(world, input)).toMatchObject({ queued: 2 });
    expect(
      queued(world, 'evaluation-reminder')
        .map((e) => e.nominationId)
        .sort(),
    ).toEqual([people[1].id, people[2].id].sort());
    expect(queued(world, 'evaluation-reminder')[0]?.email.text).toContain(
      '/evaluation (the link is yours alone)',
    );
    expect(await runTimelineEvent(world, input)).toMatchObject({ queued: 0, alreadyQueued: 2 });
  });

  it('gives staff each question’s distribution, the recommend rate and an anonymous CSV', async () => {
    const { world, people } = await cohort(open);
    await answerEvaluation(world, await tokenOf(world, people[0]), full('yes', '5'));
    await answerEvaluation(world, await tokenOf(world, people[1]), {
      ...full('no', '3'),
      learned: '=HYPERLINK("x")',
    });
    const results = await readEvaluationResults(world, 'metlib-2024', reviewer);
    expect(results).toMatchObject({ participants: 3, responded: 2, recommendRate: 50, state: 'open' });
    const overall = results.questions.find((q) => q.id === 'overall');
    expect(overall).toMatchObject({ answered: 2, average: 4 });
    expect(overall && 'distribution' in overall ? overall.distribution.map((d) => d.count) : []).toEqual([
      0, 0, 1, 0, 1,
    ]);
    const improve = results.questions.find((q) => q.id === 'improve');
    expect(improve).toMatchObject({ answered: 0, texts: [] });
    const csv = evaluationCsv(metlib2024.evaluation.questions, results.responses);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFresponse,submittedAt,updatedAt,overall,meetings,mentoring,conference,learned,improve,recommend',
    );
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).not.toContain(people[0].candidate.name);
    expect(JSON.stringify(results)).not.toContain(people[0].id);
    await expect(readEvaluationResults(world, 'metlib-2024', { ...organizer, groups: [] })).rejects.toThrow(
      ForbiddenError,
    );
  });
});

describe('the evaluation as program data', () => {
  it('takes new questions before it opens, and only a later closing day after', async () => {
    const { changeSettings } = await import('#shared/use-cases/change-program-settings');
    const { world } = await cohort('2025-02-01T12:00:00Z');
    const questions = [
      ...metlib2024.evaluation.questions,
      { id: 'next', kind: 'text' as const, text: 'Anything else?' },
    ];
    const first = await changeSettings(world, 'metlib-2024', organizer, {
      evaluation: { closesOn: '2025-03-26', questions },
      expectedVersion: 0,
    });
    expect(first.settingsVersion).toBe(1);
    const { readSettings } = await import('#shared/use-cases/change-program-settings');
    expect((await readSettings(world, 'metlib-2024', organizer)).evaluationState).toBe('not-yet-open');
    await expect(
      changeSettings(world, 'metlib-2024', organizer, {
        evaluation: { closesOn: '2025-03-26', questions: [{ id: 'blank', kind: 'text', text: '' }] },
        expectedVersion: 1,
      }),
    ).rejects.toMatchObject({
      issues: [{ path: 'evaluation.questions.0.text', message: 'write the question' }],
    });
    world.clock.set(open);
    expect((await readSettings(world, 'metlib-2024', organizer)).evaluationState).toBe('open');
    await expect(
      changeSettings(world, 'metlib-2024', organizer, {
        evaluation: { closesOn: '2025-03-26', questions: metlib2024.evaluation.questions },
        expectedVersion: 1,
      }),
    ).rejects.toThrow(
      'The evaluation has opened and participants may have answered; its questions can no longer change',
    );
    // The same questions with their keys in another order (as a store may give them back) are unchanged.
    const later = await changeSettings(world, 'metlib-2024', organizer, {
      evaluation: {
        closesOn: '2025-03-31',
        questions: questions.map((q) => Object.fromEntries(Object.entries(q).reverse())),
      },
      expectedVersion: 1,
    });
    expect(later.settings.evaluation.closesOn).toBe('2025-03-31');
  });
});
