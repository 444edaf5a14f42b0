import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
let organizer: string;
let reviewer: string;
beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  reviewer = await stack.reviewer();
});

const submitted = async () => {
  const body = nominationBody();
  const { id } = await stack.nominate(body);
  return { id, body };
};

const act = (id: string, action: string, token = organizer, extra: Record<string, unknown> = {}) =>
  stack.api('POST', `/nominations/${id}/transitions`, { token, body: { action, ...extra } });

const moveTo = (id: string, ...actions: string[]) => stack.takeThrough(id, actions, organizer);

describe('POST /nominations/{id}/transitions', () => {
  it('takes a nomination through review, selection and notification, emailing the decision once', async () => {
    const { id, body } = await submitted();
    const review = await act(id, 'review', reviewer, { score: 4, note: 'Strong <civic> project' });
    expect(review.json).toMatchObject({
      id,
      status: 'reviewed',
      version: 3,
      allowedActions: ['review', 'select', 'reject', 'reserve', 'withdraw'],
      reviewedByMe: true,
      reviews: { count: 1, averageScore: 4, entries: [{ score: 4, note: 'Strong <civic> project' }] },
    });
    // The answer is the nomination as GET shows it to the same caller (the emails' statuses aside:
    // the mailer may send one meanwhile).
    const { emails: _, ...answered } = review.json;
    const { emails: __, ...read } = (await stack.api('GET', `/nominations/${id}`, { token: reviewer })).json;
    expect(answered).toEqual(read);
    await moveTo(id, 'select', 'notify');

    const detail = await stack.api('GET', `/nominations/${id}`, { token: reviewer });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({
      status: 'notified',
      decision: 'selected',
      version: 5,
      reviews: { count: 1, averageScore: 4 },
    });
    expect(
      detail.json.history.map((h: { action: string; from: string | null; to: string }) => [
        h.action,
        h.from,
        h.to,
      ]),
    ).toEqual([
      ['submit', null, 'unconfirmed'],
      ['confirm', 'unconfirmed', 'submitted'],
      ['review', 'submitted', 'reviewed'],
      ['select', 'reviewed', 'selected'],
      ['notify', 'selected', 'notified'],
    ]);
    expect(detail.json.history[0]).toMatchObject({ actor: 'nominator' });
    expect(detail.json.history[1]).toMatchObject({ actor: 'nominator' });
    expect(detail.json.history[2]).toMatchObject({
      actor: 'reviewer@example.org',
      note: 'Strong <civic> project',
      score: 4,
    });

    const emails = await stack.inbox(body.candidate.email);
    expect(emails.map((e) => e.subject)).toEqual([
      'Nomination received: Jordi Serra for the MetLib Learning Circle 2024',
      'Selected: MetLib Learning Circle 2024',
    ]);
    expect(emails[1]?.body.text).toContain('Tuesday 9 April 2024, 09:00 (New York time, UTC−4)');
    expect(emails[1]?.body.text).toContain('Tuesday 9 April 2024, 15:00 (Madrid time, UTC+2)');
    const after = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(after.json.emails).toEqual([
      expect.objectContaining({
        key: 'acknowledgement',
        status: 'sent',
        to: [body.candidate.email],
        sentAt: expect.any(String),
      }),
      expect.objectContaining({ key: 'confirmation', status: 'sent', to: [body.nominator.email] }),
      expect.objectContaining({
        key: 'decision',
        kind: 'decision-selected',
        status: 'sent',
        to: [body.candidate.email],
        cc: [],
      }),
      // The nominator's news, without the participant's private page.
      expect.objectContaining({
        key: 'decision-nominator',
        kind: 'decision-selected-nominator',
        status: 'sent',
        to: [body.nominator.email],
        cc: [],
      }),
    ]);
  });

  it('sends the not-selected decision to a rejected nomination', async () => {
    const { id, body } = await submitted();
    await moveTo(id, 'review', 'reject', 'notify');
    const emails = await stack.inbox(body.candidate.email);
    expect(emails.map((e) => e.subject)).toEqual([
      expect.stringContaining('Nomination received'),
      'Your nomination for the MetLib Learning Circle 2024',
    ]);
  });

  it('answers 409 with the allowed actions for a transition the state table does not have', async () => {
    const { id } = await submitted();
    const response = await act(id, 'notify');
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      error: 'InvalidTransition',
      message: 'Cannot notify a nomination that is submitted; allowed: review, withdraw',
      allowedActions: ['review', 'withdraw'],
    });
  });

  it('lets exactly one of two concurrent changes with the same expectedVersion win', async () => {
    const { id } = await submitted();
    await moveTo(id, 'review');
    const [a, b] = await Promise.all([
      act(id, 'select', organizer, { expectedVersion: 3 }),
      act(id, 'reject', organizer, { expectedVersion: 3 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.json.error).toBe('VersionConflict');
    const detail = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(detail.json.version).toBe(4);
    expect(detail.json.history).toHaveLength(4);
  });

  it('answers 409 for a stale expectedVersion and changes nothing', async () => {
    const { id } = await submitted();
    await moveTo(id, 'review');
    const response = await act(id, 'select', organizer, { expectedVersion: 2 });
    expect(response.status).toBe(409);
    expect(response.json.error).toBe('VersionConflict');
    expect((await stack.api('GET', `/nominations/${id}`, { token: organizer })).json.status).toBe('reviewed');
  });

  it('sends one decision email when notify is sent twice at once', async () => {
    const { id, body } = await submitted();
    await moveTo(id, 'review', 'select');
    const responses = await Promise.all([act(id, 'notify'), act(id, 'notify'), act(id, 'notify')]);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(2);
    expect(
      (await stack.inbox(body.candidate.email)).filter((e) => e.subject.startsWith('Selected')),
    ).toHaveLength(1);
  });

  it('answers 400 naming the field for a malformed command', async () => {
    const { id } = await submitted();
    const response = await act(id, 'review', organizer, { score: 9 });
    expect(response.status).toBe(400);
    expect(response.json.issues).toEqual([{ path: 'score', message: expect.any(String) }]);
    const unknown = await act(id, 'approve');
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues[0].path).toBe('action');
  });

  it('answers 404 for an unknown nomination', async () => {
    const response = await act('00000000-0000-0000-0000-000000000000', 'review', organizer, { score: 3 });
    expect(response.status).toBe(404);
    expect(response.json.error).toBe('NotFound');
  });

  it('lets a notified participant withdraw and gives the place back', async () => {
    const { id } = await submitted();
    await moveTo(id, 'review', 'select', 'notify', 'withdraw');
    const detail = await stack.api('GET', `/nominations/${id}`, { token: organizer });
    expect(detail.json).toMatchObject({ status: 'withdrawn', allowedActions: [] });
  });
});

describe('POST /programs/{programId}/notifications', () => {
  it('notifies every decided nomination once, however often it is called', async () => {
    const selected = await submitted();
    const rejected = await submitted();
    const undecided = await submitted();
    await moveTo(selected.id, 'review', 'select');
    await moveTo(rejected.id, 'review', 'reject');

    const [first, second] = await Promise.all([
      stack.api('POST', '/programs/metlib-2024/notifications', { token: organizer }),
      stack.api('POST', '/programs/metlib-2024/notifications', { token: organizer }),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.json.notified + second.json.notified).toBeGreaterThanOrEqual(2);
    const third = await stack.api('POST', '/programs/metlib-2024/notifications', { token: organizer });
    expect(third.json).toMatchObject({ notified: 0 });
    expect(third.json.undecided).toBeGreaterThanOrEqual(1);

    for (const { body } of [selected, rejected]) {
      const decisions = (await stack.inbox(body.candidate.email)).filter(
        (e) => !e.subject.startsWith('Nomination received'),
      );
      expect(decisions).toHaveLength(1);
    }
    expect(await stack.inbox(undecided.body.candidate.email)).toHaveLength(1);
  });

  it('is for organizers only', async () => {
    const response = await stack.api('POST', '/programs/metlib-2024/notifications', { token: reviewer });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe('Forbidden');
  });
});
