import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamTrigger } from '#functions/catalog';
import { lanes, matchesFilter, toLambdaRecord } from './stream-records.ts';

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamConsumer {
  functionName: string;
  trigger: StreamTrigger;
  handler: StreamHandler;
  context: () => Context;
}

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  consumers: StreamConsumer[];
  /** How long to wait between polls of an idle shard. */
  idleMs?: number;
  /** Backoff before retrying a failed batch; doubled on each attempt. */
  retryBaseMs?: number;
  /**
   * Work the consumers have taken on and not finished, outside the stream's own records (the
   * mailer's claimed emails not yet sent): `drained()` waits until it is none.
   */
  unfinished?: () => Promise<number>;
  log?: (line: string) => void;
}

export interface StreamPoller {
  stop(): Promise<void>;
  /**
   * Resolves once every record written so far has been handed to the consumers, and `unfinished`
   * (if given) reports nothing left.
   */
  drained(): Promise<void>;
  readonly stats: { delivered: number; failedBatches: number; deadLetters: DynamoDBRecord[] };
}

/**
 * Reads the table's stream from DynamoDB Local and invokes each consumer as Lambda's event
 * source mapping would: filtered records in batches, in order per partition key (in lanes as the
 * trigger's parallelization says), a reported batch item
 * failure retried from that record with backoff up to maxRetryAttempts, then set aside as a
 * dead letter.
 */
export const startStreamPoller = (options: StreamPollerOptions): StreamPoller => {
  const idleMs = options.idleMs ?? 100;
  // Doubling from 2 s, five retries span a minute: longer than the mailer's claim lease (60 s),
  // so an email held by a send whose outcome is unknown is sent by the last retry.
  const retryBaseMs = options.retryBaseMs ?? 2000;
  const stats = { delivered: 0, failedBatches: 0, deadLetters: [] as DynamoDBRecord[] };
  const iterators = new Map<string, string | undefined>();
  const lastSequence = new Map<string, string>();
  const finished = new Set<string>();
  let stopped = false;
  let idleSince = 0;
  let waiters: (() => void)[] = [];
  /** The backoffs under way, which stopping cuts short. */
  const backoffs = new Set<() => void>();
  const backoff = (ms: number) =>
    new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        backoffs.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      backoffs.add(end);
    });

  const deliver = async (consumer: StreamConsumer, records: DynamoDBRecord[]) => {
    let pending = records;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failedAt = -1;
      try {
        const response = await consumer.handler({ Records: pending }, consumer.context());
        const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
        failedAt =
          failed === undefined ? -1 : pending.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
        if (failed !== undefined && failedAt < 0) failedAt = 0;
      } catch (error) {
        options.log?.(`${consumer.functionName} threw: ${(error as Error).message}`);
        failedAt = 0;
      }
      if (failedAt < 0) {
        stats.delivered += pending.length;
        return;
      }
      stats.delivered += failedAt;
      stats.failedBatches += 1;
      pending = pending.slice(failedAt);
      if (attempt >= consumer.trigger.maxRetryAttempts) {
        const [dead] = pending;
        if (dead) stats.deadLetters.push(dead);
        options.log?.(
          `${consumer.functionName}: record ${dead?.dynamodb?.SequenceNumber} set aside after ${attempt + 1} attempts`,
        );
        pending = pending.slice(1);
        attempt = -1;
        continue;
      }
      await backoff(retryBaseMs * 2 ** attempt);
      if (stopped) return;
    }
  };

  const refreshShards = async () => {
    const { StreamDescription } = await options.client.send(
      new DescribeStreamCommand({ StreamArn: options.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || iterators.has(id) || finished.has(id)) continue;
      // A child shard starts only after its parent is read to the end, keeping per-key order.
      if (shard.ParentShardId && iterators.has(shard.ParentShardId)) continue;
      iterators.set(id, await freshIterator(id));
    }
  };

  /** From the start of the shard, or right after the last record handed on. */
  const freshIterator = async (shardId: string) => {
    const after = lastSequence.get(shardId);
    const { ShardIterator } = await options.client.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  /**
   * DynamoDB Local numbers stream records across all tables, and an iterator taken before another
   * table's write can fail with TrimmedDataAccessException; a fresh iterator from the last record
   * read resumes without loss or repetition.
   */
  const getRecords = async (
    shardId: string,
    iterator: string,
  ): Promise<GetRecordsCommandOutput | undefined> => {
    try {
      return await options.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const retry = await freshIterator(shardId);
      return retry
        ? options.client.send(new GetRecordsCommand({ ShardIterator: retry, Limit: 1000 }))
        : undefined;
    }
  };

  const pollOnce = async () => {
    let any = false;
    for (const [shardId, iterator] of iterators) {
      if (!iterator) {
        iterators.delete(shardId);
        finished.add(shardId);
        continue;
      }
      const page = await getRecords(shardId, iterator);
      iterators.set(shardId, page?.NextShardIterator);
      const records = (page?.Records ?? []).map((r) => toLambdaRecord(r, options.streamArn));
      const last = page?.Records?.at(-1)?.dynamodb?.SequenceNumber;
      if (last) lastSequence.set(shardId, last);
      if (records.length) any = true;
      // Each consumer is an event source mapping of its own: they run side by side.
      await Promise.all(
        options.consumers.map((consumer) =>
          Promise.all(
            lanes(
              records.filter((r) => matchesFilter(consumer.trigger.filter, r)),
              consumer.trigger.parallelization ?? 1,
            ).map(async (lane) => {
              for (let i = 0; i < lane.length; i += consumer.trigger.batchSize) {
                await deliver(consumer, lane.slice(i, i + consumer.trigger.batchSize));
              }
            }),
          ),
        ),
      );
    }
    return any;
  };

  // The idle wait, cut short when someone asks whether the stream is drained: they need not wait
  // a whole idle period for the polls that tell them.
  let wake: (() => void) | undefined;
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, idleMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let sinceRefresh = Number.POSITIVE_INFINITY;

  const loop = (async () => {
    while (!stopped) {
      try {
        if (sinceRefresh > 10) {
          await refreshShards();
          sinceRefresh = 0;
        }
        sinceRefresh++;
        const busy = await pollOnce();
        if (busy) {
          idleSince = 0;
          continue;
        }
        idleSince++;
        if (idleSince >= 2 && waiters.length > 0) {
          if (options.unfinished && (await options.unfinished()) > 0) idleSince = 0;
          else {
            for (const w of waiters) w();
            waiters = [];
          }
        }
        // Someone waits: the second look at an idle stream comes at once.
        if (idleSince === 1 && waiters.length > 0) continue;
      } catch (error) {
        if (!stopped) options.log?.(`stream poller: ${(error as Error).message}`);
      }
      await nap();
    }
  })();

  return {
    stats,
    stop: async () => {
      stopped = true;
      wake?.();
      for (const end of [...backoffs]) end();
      await loop;
      for (const w of waiters) w();
    },
    drained: () =>
      new Promise<void>((resolve) => {
        // A stopped poller delivers nothing more: it is as drained as it will get.
        if (stopped) return resolve();
        idleSince = 0;
        // A shard the stream opened since the last look is read before the answer.
        sinceRefresh = Number.POSITIVE_INFINITY;
        waiters.push(resolve);
        wake?.();
      }),
  };
};
