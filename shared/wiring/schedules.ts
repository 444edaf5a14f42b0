import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeScheduleRegistry } from '../adapters/eventbridge-scheduler.ts';
import { schedulerConfig } from '../config.ts';

export const scheduleRegistry = () => {
  const { endpoint, target, groupPrefix, functionFor } = schedulerConfig();
  return {
    groupPrefix,
    functionFor,
    registry: new EventBridgeScheduleRegistry(
      new SchedulerClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 }),
    ),
    target,
  };
};
