import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSesEmulator, startSesEmulator } from '../../local/emulators.ts';
import { SesSendQuota } from '../../shared/adapters/ses-send-quota.ts';
import { SesSender, sesClient } from '../../shared/adapters/ses-sender.ts';
import { MailThrottledError } from '../../shared/domain/mail-delivery.ts';
import { testStack } from '../support/test-stack.ts';

const message = {
  to: ['someone@library.example.org'],
  cc: [],
  subject: 'Hello',
  text: 'Hi',
  html: '<p>Hi</p>',
};

describe('the SES emulator with a sending rate (npm start -- --ses-send-rate N)', () => {
  let ses: RunningSesEmulator;
  beforeAll(async () => {
    // The worker's stack gives the process the local region and credentials the SDK needs.
    await testStack();
    ses = await startSesEmulator({ port: 0, sendRate: 2 });
  });
  afterAll(() => ses.stop());

  it('reports its rate through GetSendQuota, as the mailer reads it', async () => {
    expect(await new SesSendQuota(sesClient(ses.endpoint)).maxSendRate()).toBe(2);
  });

  it('refuses a send beyond the rate with SES’s own error, which the sender knows as throttled', async () => {
    const sender = new SesSender(sesClient(ses.endpoint), 'learning-circle@metlib.example.org');
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => sender.send(message)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refusal = (outcomes[2] as PromiseRejectedResult).reason as MailThrottledError;
    expect(refusal).toBeInstanceOf(MailThrottledError);
    expect(refusal.cause).toMatchObject({
      name: 'Throttling',
      message: 'Maximum sending rate exceeded.',
      $metadata: { httpStatusCode: 400 },
    });
    expect(ses.sending).toMatchObject({ accepted: 2, throttled: 1 });
  });
});

describe('the SES emulator without a rate (the default)', () => {
  it('reports none, so the mailer does not pace', async () => {
    const ses = await startSesEmulator({ port: 0 });
    try {
      expect(await new SesSendQuota(sesClient(ses.endpoint)).maxSendRate()).toBeUndefined();
    } finally {
      await ses.stop();
    }
  });
});
