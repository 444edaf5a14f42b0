import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominationBody, startPrivateStack, type TestStack } from '../support/test-stack.ts';

// A stack of its own, in a process of its own: the mock replaces every SES client's send in it.

describe('SES throttling', () => {
  let stack: TestStack;
  let ses: ReturnType<typeof mockClient>;
  beforeAll(async () => {
    stack = await startPrivateStack();
    // Mocked only now: the mock replaces every SES client's send in this file's process.
    ses = mockClient(SESClient);
  });
  afterAll(async () => {
    ses.restore();
    await stack?.stop();
  });

  it('is retried with backoff by the stream trigger and the email is sent once', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    // Forward what is not throttled to the SES emulator, through its wire protocol.
    const forward = async (input: { RawMessage?: { Data?: Uint8Array } }) => {
      const form = new URLSearchParams({
        Action: 'SendRawEmail',
        'RawMessage.Data': Buffer.from(input.RawMessage?.Data ?? []).toString('base64'),
      });
      const xml = await (
        await fetch(stack.sesEndpoint, {
          method: 'POST',
          body: form,
          headers: { authorization: 'AWS4-HMAC-SHA256 Credential=local/20240201/us-east-1/ses/aws4_request' },
        })
      ).text();
      return { MessageId: /<MessageId>(.+)<\/MessageId>/.exec(xml)?.[1] ?? '', $metadata: {} };
    };
    ses.on(SendRawEmailCommand).rejectsOnce(throttled).rejectsOnce(throttled).callsFake(forward);

    const body = nominationBody();
    const started = Date.now();
    // The first email is the confirmation link to the nominator: it meets the throttling.
    const { json } = await stack.api('POST', '/programs/metlib-2024/nominations', { body });
    expect(await stack.inbox(body.nominator.email)).toHaveLength(1);
    // Backoff: 2 s, then 4 s, before the third attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_900);
    expect(stack.poller.stats.failedBatches).toBeGreaterThanOrEqual(2);

    expect((await stack.api('POST', await stack.linkFor(body.nominator.email))).status).toBe(200);
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);
    const detail = await stack.api('GET', `/nominations/${json.id}`, { token: await stack.organizer() });
    expect(detail.json.emails).toEqual([
      expect.objectContaining({ key: 'acknowledgement', status: 'sent', attempts: 1 }),
      expect.objectContaining({ key: 'confirmation', status: 'sent', attempts: 3 }),
    ]);
  }, 30_000);
});
