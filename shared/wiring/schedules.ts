import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { type ScheduledKind, scheduledKinds } from '#events/contracts';
import { catalog } from '#functions/catalog';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-scheduler.ts';
import { schedulerConfig } from '../config.ts';

export const scheduleRegistry = () => {
  const { endpoint, target, groupPrefix, functionFor } = schedulerConfig(
    catalog.flatMap((entry) => (entry.scheduleTarget ? [entry.scheduleTarget] : [])),
  );
  const unrun = scheduledKinds.filter((kind) => !functionFor[kind]);
  if (unrun.length) throw new Error(`No catalog function runs the scheduled kinds: ${unrun.join(', ')}`);
  return {
    groupPrefix,
    functionFor: functionFor as Record<ScheduledKind, string>,
    registry: new EventBridgeScheduleRegistry(
      new SchedulerClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 }),
    ),
    target,
  };
};
