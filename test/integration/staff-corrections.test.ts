import { beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, testStack, toParticipant, type WorkerStack } from '../support/test-stack.ts';

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

const detailOf = async (id: string) =>
  (await stack.api('GET', `/nominations/${id}`, { token: organizer })).json;

const correct = (id: string, body: unknown, token = organizer) =>
  stack.api('PATCH', `/nominations/${id}`, { token, body });

describe('PATCH /nominations/{id}', () => {
  it('corrects the candidate, moves the duplicate guard, and the next email uses the corrected values', async () => {
    const { id, body } = await submitted();
    const newEmail = `corrected-${id.slice(0, 8)}@library.example.org`;
    const response = await correct(id, {
      candidate: { name: 'Jordina Serra', email: newEmail },
      expectedVersion: 2,
      note: 'The nominator mistyped the address',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id,
      version: 3,
      candidate: { name: 'Jordina Serra', email: newEmail },
    });

    // The old address may be nominated again; the new one is taken.
    const renominated = await stack.nominate(nominationBody({ candidateEmail: body.candidate.email }));
    expect(await detailOf(renominated.id)).not.toHaveProperty('duplicateOf');
    const duplicate = await stack.nominate(nominationBody({ candidateEmail: newEmail.toUpperCase() }));
    expect(await detailOf(duplicate.id)).toMatchObject({ status: 'submitted', duplicateOf: id });

    expect((await detailOf(id)).history.at(-1)).toMatchObject({
      action: 'correct',
      actor: 'organizer@example.org',
      note: 'The nominator mistyped the address',
      changes: {
        before: { 'candidate.name': body.candidate.name, 'candidate.email': body.candidate.email },
        after: { 'candidate.name': 'Jordina Serra', 'candidate.email': newEmail },
      },
    });

    await stack.takeThrough(id, toParticipant, organizer);
    const [decision] = await stack.inbox(newEmail);
    expect(decision?.subject).toBe('Selected: MetLib Learning Circle 2024');
    expect(decision?.body.text).toContain('Dear Jordina Serra,');
  });

  it('answers 409 when the new address is already nominated, and 409 for a stale version', async () => {
    const taken = await submitted();
    const { id } = await submitted();
    const duplicate = await correct(id, {
      candidate: { email: taken.body.candidate.email },
      expectedVersion: 2,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toBe('DuplicateNomination');
    const stale = await correct(id, { candidate: { name: 'Someone' }, expectedVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toBe('VersionConflict');
    expect((await detailOf(id)).version).toBe(2);
  });

  it('checks the fields as the submission does', async () => {
    const { id } = await submitted();
    const response = await correct(id, { candidate: { email: 'nope' }, expectedVersion: 2 });
    expect(response.status).toBe(400);
    expect(response.json.issues).toEqual([{ path: 'candidate.email', message: expect.any(String) }]);
  });
});

describe('POST /nominations/{id}/emails/{key}/resend', () => {
  it('queues a copy of the acknowledgement to the corrected address', async () => {
    const { id } = await submitted();
    const newEmail = `resend-${id.slice(0, 8)}@library.example.org`;
    expect((await correct(id, { candidate: { email: newEmail }, expectedVersion: 2 })).status).toBe(200);
    const response = await stack.api('POST', `/nominations/${id}/emails/acknowledgement/resend`, {
      token: organizer,
    });
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({
      key: 'acknowledgement#resend-1',
      kind: 'acknowledgement',
      to: [newEmail],
      status: 'pending',
    });
    const emails = await stack.inbox(newEmail);
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/^Nomination received: /)]);
    const detail = await detailOf(id);
    expect(detail.emails.map((e: { key: string; status: string }) => [e.key, e.status])).toEqual([
      ['acknowledgement', 'sent'],
      ['acknowledgement#resend-1', 'sent'],
      ['confirmation', 'sent'],
    ]);
    expect(detail.history.at(-1)).toMatchObject({
      action: 'resend-email',
      resentAs: 'acknowledgement#resend-1',
    });
  });

  it('answers 404 for an email the nomination does not have', async () => {
    const { id } = await submitted();
    const response = await stack.api('POST', `/nominations/${id}/emails/decision/resend`, {
      token: organizer,
    });
    expect(response.status).toBe(404);
  });
});

describe('organizer routes refuse reviewers', () => {
  it.each([
    ['PATCH', '/nominations/{id}', { candidate: { name: 'X' }, expectedVersion: 2 }],
    ['POST', '/nominations/{id}/emails/acknowledgement/resend', undefined],
    ['GET', '/programs/metlib-2024/nominations.csv', undefined],
  ])('%s %s answers 403', async (method, path, body) => {
    const { id } = await submitted();
    const response = await stack.api(method, path.replace('{id}', id), {
      token: reviewer,
      ...(body ? { body } : {}),
    });
    expect(response.status).toBe(403);
    expect(response.json.error).toBe('Forbidden');
  });
});
