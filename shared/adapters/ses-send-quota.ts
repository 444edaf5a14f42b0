import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import type { SendQuota } from '../ports.ts';
import { callAws } from './aws-errors.ts';

/**
 * How long the rate read from SES is trusted. A raised quota applies within minutes of the
 * raise; five minutes of the old rate only sends a little slower than allowed.
 */
const cachedMs = 5 * 60_000;

/**
 * The account's sending rate, as SES reports it (GetSendQuota's MaxSendRate), read once per
 * five minutes per function instance. A rate of zero or less (the local stand-in's word for
 * none) is no rate.
 */
export class SesSendQuota implements SendQuota {
  private cached: { rate: number | undefined; until: number } | undefined;

  constructor(
    private readonly client: SESClient,
    private readonly now: () => number = Date.now,
  ) {}

  async maxSendRate(): Promise<number | undefined> {
    if (this.cached && this.cached.until > this.now()) return this.cached.rate;
    const quota = await callAws('The mail service', () => this.client.send(new GetSendQuotaCommand({})));
    const MaxSendRate = quota?.MaxSendRate;
    const rate = MaxSendRate !== undefined && MaxSendRate > 0 ? MaxSendRate : undefined;
    this.cached = { rate, until: this.now() + cachedMs };
    return rate;
  }
}
