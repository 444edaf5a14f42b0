// What Lambda's event source mapping does with a stream record before a function sees it: the
// filter, the record's shape, and the parallelization factor's lanes.

import { createHash } from 'node:crypto';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { epochSeconds } from '#shared/domain/time';

/**
 * Lambda's event filtering, for the patterns the catalog uses: arrays list accepted values,
 * objects descend into the record.
 */
export const matchesFilter = (pattern: Record<string, unknown>, value: unknown): boolean =>
  Object.entries(pattern).every(([key, expected]) => {
    const actual = (value as Record<string, unknown> | undefined)?.[key];
    if (Array.isArray(expected)) return expected.some((e) => e === actual);
    if (expected && typeof expected === 'object')
      return matchesFilter(expected as Record<string, unknown>, actual);
    return expected === actual;
  });

/** The record as Lambda's event source mapping delivers it. */
export const toLambdaRecord = (record: _Record, streamArn: string): DynamoDBRecord => {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(d.ApproximateCreationDateTime
        ? {
            ApproximateCreationDateTime: epochSeconds(d.ApproximateCreationDateTime),
          }
        : {}),
      Keys: d.Keys,
      ...(d.NewImage ? { NewImage: d.NewImage } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  } as DynamoDBRecord;
};

/**
 * A shard's records split as Lambda's parallelization factor splits them: by the hash of the
 * partition key, so that one key's records stay in order in one lane while the lanes run side by
 * side.
 */
export const lanes = (records: DynamoDBRecord[], parallelization: number): DynamoDBRecord[][] => {
  const split: DynamoDBRecord[][] = Array.from({ length: parallelization }, () => []);
  for (const record of records) {
    const pk = JSON.stringify(record.dynamodb?.Keys?.pk ?? '');
    split[createHash('md5').update(pk).digest().readUInt32BE(0) % parallelization]?.push(record);
  }
  return split.filter((lane) => lane.length > 0);
};
