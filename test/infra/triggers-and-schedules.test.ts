import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { synthesized } from './synthesized.ts';

let services: Template;

beforeAll(() => {
  ({ services } = synthesized());
});

describe('the mailer trigger', () => {
  it('takes inserted outbox emails only, reports item failures, bisects, retries a bounded number of times, then parks', () => {
    services.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      // Ten batches of a shard at once: enough sends in flight to use the account's whole rate.
      ParallelizationFactor: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { type: { S: ['email'] } } },
            }),
          },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('the mailer', () => {
  it('has the time a batch of ten needs when each send waits for its slot of the sending rate', () => {
    services.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Sends each new outbox email through SES, once',
      Timeout: 300,
    });
  });
});

describe('the schedules', () => {
  it('have a group per program and a role that may invoke the scheduled functions and the recurring sweeps, nothing else', () => {
    services.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: 'MetlibNominations-dev-Services-metlib-2024',
    });
    const invoke = new Capture();
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SchedulerRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: invoke })]),
      },
    });
    expect(invoke.asArray()).toHaveLength(5);
    expect(invoke.asArray()).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [expect.stringMatching(/^RunTimelineEvent/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^IssueCertificates/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^CheckDecisionsNotified/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^RedriveOutbox/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/^SyncSchedules/), 'Arn'] },
      ]),
    );
    services.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
          }),
        ],
      },
    });
  });

  it('tell the schedule sync which function runs which kind, and give the fonts to the certificates', () => {
    const fn = (name: string) =>
      Object.values(services.findResources('AWS::Lambda::Function')).find(
        (f) => f.Properties.Description === catalog.find((e) => e.name === name)?.description,
      )?.Properties.Environment.Variables;
    for (const name of ['SyncSchedules', 'UpdateTimeline']) {
      expect(fn(name)).toMatchObject({
        TIMELINE_FUNCTION_ARN: { 'Fn::GetAtt': [expect.stringMatching(/^RunTimelineEvent/), 'Arn'] },
        CERTIFICATE_FUNCTION_ARN: { 'Fn::GetAtt': [expect.stringMatching(/^IssueCertificates/), 'Arn'] },
      });
    }
    expect(fn('IssueCertificates')).toMatchObject({ CERTIFICATE_FONT_DIR: '/var/task/fonts' });
    expect(fn('RunTimelineEvent')).not.toHaveProperty('CERTIFICATE_FONT_DIR');
  });

  it('tell the console where Cognito ends a session: the login domain’s logout endpoint', () => {
    const variables = Object.values(services.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Description === catalog.find((e) => e.name === 'RenderStaffConsole')?.description,
    )?.Properties.Environment.Variables;
    expect(JSON.stringify(variables.CONSOLE_SIGN_OUT_URL)).toMatch(/\.amazoncognito\.com\/logout/);
    expect(JSON.stringify(variables.CONSOLE_SIGN_OUT_URL)).toMatch(/StaffStaffLogin/);
  });

  it('park a scheduled run that fails its retries in the schedule dead-letter queue', () => {
    for (const name of ['RunTimelineEvent', 'IssueCertificates']) {
      services.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: Match.stringLikeRegexp(`^${name}`) },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleDeadLetters'), 'Arn'] },
          },
        },
      });
    }
    services.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('^RedriveOutbox') },
      MaximumRetryAttempts: 0,
    });
  });

  it('run the outbox redrive every 15 minutes, on time, through the scheduler role', () => {
    const target = new Capture();
    services.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: target,
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerRole'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 900 },
      }),
    });
    expect(target.asObject()).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^RedriveOutbox/), 'Arn'] });
  });

  it('park failed events in encrypted queues that refuse plain HTTP, each with an alarm', () => {
    const queues = services.findResources('AWS::SQS::Queue');
    // The mailer's stream, the schedules, and the mail events EventBridge could not deliver.
    expect(Object.keys(queues)).toHaveLength(3);
    for (const queue of Object.values(queues))
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    services.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      3,
    );
    services.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      AlarmActions: [Match.anyValue()],
    });
    // Twenty minutes: a decision day paced to the account's rate keeps it behind by design.
    services.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Threshold: 20 * 60_000,
    });
  });
});
