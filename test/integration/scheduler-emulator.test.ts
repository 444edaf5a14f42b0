import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../local/emulators.ts';
import { SchedulerEmulator } from '../../local/scheduler/emulator.ts';

let now = new Date('2024-04-01T12:00:00Z');
const invoked: { arn: string; payload: unknown }[] = [];
let failuresLeft = 0;
const emulator = new SchedulerEmulator({
  port: 0,
  clock: { now: () => now },
  tickMs: 10,
  retryBaseMs: 5,
  invoke: async (arn, payload) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('the function failed');
    }
    invoked.push({ arn, payload });
  },
});
let client: SchedulerClient;

beforeAll(async () => {
  const endpoint = await emulator.start();
  client = new SchedulerClient({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  await client.send(new CreateScheduleGroupCommand({ Name: 'tests' }));
});
afterAll(() => emulator.stop());
afterEach(() => {
  invoked.length = 0;
  failuresLeft = 0;
});

const schedule = (
  name: string,
  overrides: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput => ({
  Name: name,
  GroupName: 'tests',
  ScheduleExpression: 'at(2024-04-02T09:00:00)',
  ScheduleExpressionTimezone: 'America/New_York',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  Target: {
    Arn: 'arn:aws:lambda:us-east-1:000000000000:function:RunTimelineEvent',
    RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
    Input: JSON.stringify({ hello: name }),
    RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
    DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' },
  },
  ...overrides,
});

/** Once the emulator is idle (nothing due, nothing being fired or retried), `condition` holds. */
const until = async (condition: () => boolean) => {
  await emulator.idle();
  expect(condition()).toBe(true);
};

describe('the Scheduler emulator through @aws-sdk/client-scheduler', () => {
  it('creates, reads, replaces and deletes a schedule', async () => {
    const created = await client.send(new CreateScheduleCommand(schedule('crud')));
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/tests/crud');

    const got = await client.send(new GetScheduleCommand({ Name: 'crud', GroupName: 'tests' }));
    expect(got).toMatchObject({
      Name: 'crud',
      GroupName: 'tests',
      ScheduleExpression: 'at(2024-04-02T09:00:00)',
      ScheduleExpressionTimezone: 'America/New_York',
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      Target: { RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);

    // An update replaces the whole schedule: what it leaves out is gone.
    await client.send(
      new UpdateScheduleCommand({
        ...schedule('crud', { ScheduleExpression: 'at(2024-04-03T10:30:00)' }),
        ActionAfterCompletion: undefined,
        Description: 'moved',
      }),
    );
    const updated = await client.send(new GetScheduleCommand({ Name: 'crud', GroupName: 'tests' }));
    expect(updated).toMatchObject({
      ScheduleExpression: 'at(2024-04-03T10:30:00)',
      Description: 'moved',
      ActionAfterCompletion: 'NONE',
    });

    await client.send(new DeleteScheduleCommand({ Name: 'crud', GroupName: 'tests' }));
    await expect(
      client.send(new GetScheduleCommand({ Name: 'crud', GroupName: 'tests' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ConflictException for a name taken and ResourceNotFoundException for an unknown group', async () => {
    await client.send(new CreateScheduleCommand(schedule('taken')));
    await expect(client.send(new CreateScheduleCommand(schedule('taken')))).rejects.toBeInstanceOf(
      ConflictException,
    );
    await expect(
      client.send(new CreateScheduleCommand(schedule('lost', { GroupName: 'nope' }))),
    ).rejects.toThrow('Schedule group nope does not exist.');
    await expect(client.send(new UpdateScheduleCommand(schedule('never-created')))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await client.send(new DeleteScheduleCommand({ Name: 'taken', GroupName: 'tests' }));
  });

  it.each([
    ['a name with a space', { Name: 'two words' }],
    ['a name over 64 characters', { Name: 'x'.repeat(65) }],
    ['an at() without seconds', { ScheduleExpression: 'at(2024-04-02T09:00)' }],
    ['an impossible date', { ScheduleExpression: 'at(2024-02-30T09:00:00)' }],
    ['a plural rate of 1', { ScheduleExpression: 'rate(1 hours)' }],
    ['a cron with five fields', { ScheduleExpression: 'cron(0 9 * * ?)' }],
    ['an unknown zone', { ScheduleExpressionTimezone: 'Mars/Olympus' }],
    ['a flexible window without a maximum', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' as const } }],
    [
      'a role that is not an IAM role ARN',
      { Target: { ...schedule('x').Target, RoleArn: 'scheduler-role' } as never },
    ],
    [
      'too many retries',
      { Target: { ...schedule('x').Target, RetryPolicy: { MaximumRetryAttempts: 186 } } as never },
    ],
    [
      'a dead-letter queue that is not SQS',
      {
        Target: {
          ...schedule('x').Target,
          DeadLetterConfig: { Arn: 'arn:aws:sns:us-east-1:000000000000:t' },
        } as never,
      },
    ],
  ])('rejects %s with ValidationException', async (_, overrides) => {
    const input = schedule('valid-name', overrides as Partial<CreateScheduleCommandInput>);
    await expect(client.send(new CreateScheduleCommand(input))).rejects.toBeInstanceOf(ValidationException);
  });

  it('accepts rate() and six-field cron() expressions', async () => {
    await client.send(new CreateScheduleCommand(schedule('hourly', { ScheduleExpression: 'rate(1 hour)' })));
    await client.send(
      new CreateScheduleCommand(schedule('mornings', { ScheduleExpression: 'cron(0 9 ? * TUE *)' })),
    );
    await client.send(new DeleteScheduleCommand({ Name: 'hourly', GroupName: 'tests' }));
    await client.send(new DeleteScheduleCommand({ Name: 'mornings', GroupName: 'tests' }));
  });

  it('lists a group by prefix, a page at a time', async () => {
    for (let i = 0; i < 5; i++) await client.send(new CreateScheduleCommand(schedule(`page-${i}`)));
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListSchedulesCommand({ GroupName: 'tests', NamePrefix: 'page-', MaxResults: 2, NextToken }),
      );
      expect(page.Schedules?.length).toBeLessThanOrEqual(2);
      names.push(...(page.Schedules ?? []).map((s) => s.Name as string));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    for (const name of names)
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: 'tests' }));
  });

  it('fires an at() schedule once its instant comes on the clock, with its Input, then deletes it', async () => {
    await client.send(new CreateScheduleCommand(schedule('fire')));
    now = new Date('2024-04-02T12:59:59Z');
    await new Promise((r) => setTimeout(r, 50));
    expect(invoked).toEqual([]);
    now = new Date('2024-04-02T13:00:00Z'); // 09:00 in New York (EDT)
    await until(() => invoked.length === 1);
    expect(invoked[0]).toEqual({
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:RunTimelineEvent',
      payload: { hello: 'fire' },
    });
    await until(() => !emulator.scheduleKeys().includes('tests/fire'));
  });

  it('retries a failing target and keeps the schedule when completion does not delete it', async () => {
    now = new Date('2024-04-01T12:00:00Z');
    await client.send(new CreateScheduleCommand(schedule('flaky', { ActionAfterCompletion: 'NONE' })));
    failuresLeft = 2;
    now = new Date('2024-04-02T13:00:00Z');
    await until(() => invoked.length === 1);
    expect(emulator.invocations().at(-1)).toMatchObject({ schedule: 'flaky', attempts: 3, ok: true });
    expect((await client.send(new GetScheduleCommand({ Name: 'flaky', GroupName: 'tests' }))).Name).toBe(
      'flaky',
    );
    await client.send(new DeleteScheduleCommand({ Name: 'flaky', GroupName: 'tests' }));
  });

  it('sets an event aside as a dead letter when the retries run out', async () => {
    now = new Date('2024-04-01T12:00:00Z');
    await client.send(new CreateScheduleCommand(schedule('doomed')));
    failuresLeft = 10;
    now = new Date('2024-04-02T13:00:00Z');
    await until(() => emulator.deadLetters().some((d) => d.schedule === 'doomed'));
    expect(emulator.deadLetters().find((d) => d.schedule === 'doomed')).toMatchObject({
      attempts: 3,
      deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      error: 'Error: the function failed',
    });
    expect(invoked).toEqual([]);
  });

  it('treats an Input that is not JSON as a failed invocation, not a crash', async () => {
    now = new Date('2024-04-01T12:00:00Z');
    await client.send(
      new CreateScheduleCommand(
        schedule('garbled', { Target: { ...schedule('x').Target, Input: 'hello' } as never }),
      ),
    );
    now = new Date('2024-04-02T13:00:00Z');
    await until(() => emulator.deadLetters().some((d) => d.schedule === 'garbled'));
    expect(emulator.deadLetters().find((d) => d.schedule === 'garbled')?.error).toMatch(/SyntaxError/);
  });

  it('starts a rate() schedule at once and fires once, not the backlog, after the clock jumps', async () => {
    now = new Date('2024-05-01T00:00:00Z');
    await client.send(
      new CreateScheduleCommand(
        schedule('hourly-fire', { ScheduleExpression: 'rate(1 hour)', ActionAfterCompletion: 'NONE' }),
      ),
    );
    await until(() => invoked.length === 1);
    now = new Date('2024-05-02T00:30:00Z');
    await until(() => invoked.length === 2);
    await new Promise((r) => setTimeout(r, 60));
    expect(invoked).toHaveLength(2);
    await client.send(new DeleteScheduleCommand({ Name: 'hourly-fire', GroupName: 'tests' }));
  });
});
