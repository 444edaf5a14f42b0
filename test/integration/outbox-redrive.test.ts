import { beforeAll, describe, expect, it } from 'vitest';
import { redriveOptions } from '../../shared/use-cases/redrive-outbox.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

// The stream mailer stops (as when its retries ran out during an outage); the recurring sweep,
// fired by the Scheduler emulator on the local clock, sends what it left behind.

describe('the outbox redrive schedule on the local stack', () => {
  let stack: WorkerStack;
  beforeAll(async () => {
    stack = await testStack();
  });

  it('sends an acknowledgement the mailer never sent, once, at the next sweep after it is overdue', async () => {
    const body = nominationBody();
    const submitted = await stack.api('POST', '/programs/metlib-2024/nominations', { body });
    expect(submitted.status).toBe(202);
    const link = await stack.linkFor(body.nominator.email);
    // A stopped poller counts as drained: the inbox below does not wait for it.
    await stack.poller.stop();
    expect((await stack.api('POST', link)).status).toBe(200);

    // Ten minutes on, the email is not overdue yet: a sweep may run, and leaves it to the mailer.
    await stack.advanceTo(new Date(stack.now().getTime() + 10 * 60_000));
    expect(await stack.inbox(body.candidate.email)).toHaveLength(0);

    // Past the cut-off, and past the next sweep.
    await stack.advanceTo(new Date(stack.now().getTime() + redriveOptions.olderThanMs + 60_000));
    const sweeps = stack.scheduler.invocations().filter((i) => i.schedule === 'RedriveOutbox');
    expect(sweeps.length).toBeGreaterThanOrEqual(1);
    expect(sweeps.every((i) => i.ok)).toBe(true);
    const received = await stack.inbox(body.candidate.email);
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toMatch(/nomination/i);

    const detail = await stack.api('GET', `/nominations/${submitted.json.id}`, {
      token: await stack.organizer(),
    });
    expect(detail.json.emails).toHaveLength(2);
    expect(detail.json.emails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'confirmation', status: 'sent' }),
        expect.objectContaining({ key: 'acknowledgement', status: 'sent' }),
      ]),
    );

    // Later sweeps find nothing more to send.
    await stack.advanceTo(new Date(stack.now().getTime() + 31 * 60_000));
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);
  });
});
