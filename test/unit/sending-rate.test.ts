import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sendQuotaResponse, throttlingResponse, tokenBucket } from '../../local/ses-sending-rate.ts';
import { lanes } from '../../local/stream-records.ts';
import { classifySendFailure } from '../../shared/adapters/ses-sender.ts';
import { MailThrottledError } from '../../shared/domain/mail-delivery.ts';

describe("the SES stand-in's sending rate", () => {
  it('lets a second’s worth through at once, then the rate a second', () => {
    let now = 0;
    const bucket = tokenBucket(4, () => now);
    expect(Array.from({ length: 5 }, () => bucket.take())).toEqual([true, true, true, true, false]);
    now = 250;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now = 10_000;
    expect(Array.from({ length: 5 }, () => bucket.take())).toEqual([true, true, true, true, false]);
  });

  it('refuses as SES’s Query API does, and reports the rate as GetSendQuota does', () => {
    expect(throttlingResponse()).toMatch(
      /<Error><Type>Sender<\/Type><Code>Throttling<\/Code><Message>Maximum sending rate exceeded\.<\/Message><\/Error>/,
    );
    expect(sendQuotaResponse(14, 3)).toMatch(/<MaxSendRate>14\.0<\/MaxSendRate>/);
    expect(sendQuotaResponse(undefined, 3)).toMatch(/<MaxSendRate>-1\.0<\/MaxSendRate>/);
  });
});

describe('a send SES refused for the rate', () => {
  const sesError = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('is a throttled send, made again later; the daily quota is not', () => {
    expect(classifySendFailure(sesError('Throttling', 'Maximum sending rate exceeded.'))).toBeInstanceOf(
      MailThrottledError,
    );
    expect(classifySendFailure(sesError('Throttling', 'Daily message quota exceeded.'))).not.toBeInstanceOf(
      MailThrottledError,
    );
  });
});

describe("the stream's lanes (Lambda's parallelization factor)", () => {
  const record = (pk: string, n: number) =>
    ({ dynamodb: { Keys: { pk: { S: pk } }, SequenceNumber: String(n) } }) as DynamoDBRecord;

  it('keeps each partition key’s records in order in one lane, and every record once', () => {
    const records = Array.from({ length: 60 }, (_, i) => record(`NOMINATION#${i % 12}`, i));
    const split = lanes(records, 10);
    expect(split.length).toBeGreaterThan(1);
    expect(split.flat()).toHaveLength(60);
    for (const key of new Set(records.map((r) => r.dynamodb?.Keys?.pk?.S))) {
      const holding = split.filter((lane) => lane.some((r) => r.dynamodb?.Keys?.pk?.S === key));
      expect(holding).toHaveLength(1);
      const order = holding[0]
        ?.filter((r) => r.dynamodb?.Keys?.pk?.S === key)
        .map((r) => Number(r.dynamodb?.SequenceNumber));
      expect(order).toEqual([...(order ?? [])].sort((a, b) => a - b));
    }
    expect(lanes(records, 1)).toEqual([records]);
  });
});
