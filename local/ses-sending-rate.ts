import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const xmlns = 'http://ses.amazonaws.com/doc/2010-12-01/';

/** The sends SES's Query API counts against the rate. */
const sends = new Set(['SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail']);

/**
 * SES's refusal of a send beyond the account's rate, as its Query API gives it: HTTP 400, a
 * Sender error with the code `Throttling` and the message "Maximum sending rate exceeded."
 */
export const throttlingResponse = () =>
  `<ErrorResponse xmlns="${xmlns}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/** GetSendQuota's answer. Without a rate the stand-in says -1, SES's own word for "no limit" on the daily quota. */
export const sendQuotaResponse = (rate: number | undefined, sentLast24Hours: number) =>
  `<GetSendQuotaResponse xmlns="${xmlns}"><GetSendQuotaResult><SentLast24Hours>${sentLast24Hours}.0</SentLast24Hours><Max24HourSend>-1.0</Max24HourSend><MaxSendRate>${rate ?? -1}.0</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetSendQuotaResponse>`;

/**
 * SES's maximum send rate as a token bucket: `rate` sends a second, and no more than a second's
 * worth at once (SES lets short bursts through; one second's is the stand-in's choice).
 */
export const tokenBucket = (rate: number, now: () => number = () => performance.now()) => {
  let tokens = rate;
  let at = now();
  return {
    take(): boolean {
      const t = now();
      tokens = Math.min(rate, tokens + ((t - at) / 1000) * rate);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
};

export interface SendingRateStats {
  /** Sends the stand-in let through. */
  accepted: number;
  /** Sends it refused for the rate. */
  throttled: number;
}

/** The form a Query API request posts, read whole: the emulator's parser then finds the request read and keeps `body`. */
const readForm = async (req: IncomingMessage): Promise<Record<string, string>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
};

/**
 * Puts SES's sending rate in front of the emulator's own handling of the Query API (which knows
 * neither the rate nor GetSendQuota): GetSendQuota is answered with the rate, and a send beyond
 * it refused as SES refuses it. The form is read here, and the emulator's parser then
 * finds it read and keeps it.
 */
export const limitSendingRate = (server: Server, rate: number | undefined): SendingRateStats => {
  const stats: SendingRateStats = { accepted: 0, throttled: 0 };
  const [emulator] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!emulator)
    throw new Error('The SES emulator has no request handler to put the sending rate in front of');
  const bucket = rate === undefined ? undefined : tokenBucket(rate);
  const answer = (res: ServerResponse, status: number, xml: string) => {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(xml);
  };
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage & { body?: Record<string, string> }, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/') return emulator(req, res);
    readForm(req).then(
      (body) => {
        req.body = body;
        const action = body.Action;
        if (action === 'GetSendQuota') return answer(res, 200, sendQuotaResponse(rate, stats.accepted));
        if (action && sends.has(action)) {
          if (bucket && !bucket.take()) {
            stats.throttled += 1;
            return answer(res, 400, throttlingResponse());
          }
          stats.accepted += 1;
        }
        emulator(req, res);
      },
      (error: Error) =>
        answer(res, 400, `<ErrorResponse><Error><Message>${error.message}</Message></Error></ErrorResponse>`),
    );
  });
  return stats;
};
