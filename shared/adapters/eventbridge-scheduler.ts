import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { ScheduleDefinition, ScheduleRegistry } from '../ports.ts';
import { callAws } from './aws-errors.ts';

const service = 'The scheduler';

const request = (d: ScheduleDefinition) => ({
  Name: d.name,
  GroupName: d.group,
  ScheduleExpression: d.expression,
  ScheduleExpressionTimezone: d.timeZone,
  FlexibleTimeWindow: { Mode: 'OFF' as const },
  ActionAfterCompletion: 'DELETE' as const,
  State: 'ENABLED' as const,
  Target: {
    Arn: d.target.functionArn,
    RoleArn: d.target.roleArn,
    Input: d.input,
    DeadLetterConfig: { Arn: d.target.deadLetterArn },
    RetryPolicy: {
      MaximumRetryAttempts: d.target.maximumRetryAttempts,
      MaximumEventAgeInSeconds: d.target.maximumEventAgeSeconds,
    },
  },
});

/** One-time schedules in EventBridge Scheduler, through @aws-sdk/client-scheduler. */
export class EventBridgeScheduleRegistry implements ScheduleRegistry {
  constructor(private readonly client: SchedulerClient) {}

  /** The deployment creates the groups; this covers a new program between deploys, and the local stack. */
  async ensureGroup(group: string) {
    try {
      await callAws(service, () => this.client.send(new GetScheduleGroupCommand({ Name: group })));
      return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    try {
      await callAws(service, () => this.client.send(new CreateScheduleGroupCommand({ Name: group })));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  async names(group: string) {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await callAws(service, () =>
        this.client.send(new ListSchedulesCommand({ GroupName: group, NextToken, MaxResults: 100 })),
      );
      names.push(...(page.Schedules ?? []).flatMap((s) => (s.Name ? [s.Name] : [])));
      NextToken = page.NextToken;
    } while (NextToken);
    return names;
  }

  async get(group: string, name: string): Promise<ScheduleDefinition | undefined> {
    try {
      const s = await callAws(service, () =>
        this.client.send(new GetScheduleCommand({ GroupName: group, Name: name })),
      );
      return {
        group,
        name,
        expression: s.ScheduleExpression ?? '',
        timeZone: s.ScheduleExpressionTimezone ?? 'UTC',
        input: s.Target?.Input ?? '',
        target: {
          functionArn: s.Target?.Arn ?? '',
          roleArn: s.Target?.RoleArn ?? '',
          deadLetterArn: s.Target?.DeadLetterConfig?.Arn ?? '',
          maximumRetryAttempts: s.Target?.RetryPolicy?.MaximumRetryAttempts ?? 185,
          maximumEventAgeSeconds: s.Target?.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400,
        },
      };
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  async create(definition: ScheduleDefinition) {
    await callAws(service, () => this.client.send(new CreateScheduleCommand(request(definition))));
  }

  async update(definition: ScheduleDefinition) {
    await callAws(service, () => this.client.send(new UpdateScheduleCommand(request(definition))));
  }

  async delete(group: string, name: string) {
    try {
      await callAws(service, () =>
        this.client.send(new DeleteScheduleCommand({ GroupName: group, Name: name })),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
