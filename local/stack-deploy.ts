import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { catalog, recurringSchedule } from '#functions/catalog';
import type { SyncReport } from '#shared/use-cases/sync-schedules';
import { localCredentials } from './emulators.ts';
import { localFunctionArn } from './lambda-context.mjs';

/**
 * What a deploy does once the functions are in place: runs the functions marked `runOnDeploy`
 * (each program's schedule sync) and creates the recurring schedules, as the Services stack
 * does on AWS. Answers what the syncs did.
 */
export const deploy = async (options: {
  onDeploy: readonly ((event: unknown) => Promise<unknown>)[];
  schedulerEndpoint: string;
  schedulerRoleArn: string;
}): Promise<SyncReport[]> => {
  const reports: SyncReport[] = [];
  for (const run of options.onDeploy) {
    const result = (await run({})) as { reports?: SyncReport[] };
    reports.push(...(result.reports ?? []));
  }
  const client = new SchedulerClient({
    endpoint: options.schedulerEndpoint,
    region: 'us-east-1',
    credentials: localCredentials,
  });
  try {
    for (const entry of catalog) {
      if (!entry.every) continue;
      const schedule = recurringSchedule(entry.every);
      await client.send(
        new CreateScheduleCommand({
          Name: entry.name,
          ScheduleExpression: schedule.expression,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: localFunctionArn(entry.name),
            RoleArn: options.schedulerRoleArn,
            RetryPolicy: {
              MaximumRetryAttempts: schedule.maximumRetryAttempts,
              MaximumEventAgeInSeconds: schedule.maximumEventAgeSeconds,
            },
          },
        }),
      );
    }
  } finally {
    client.destroy();
  }
  return reports;
};
