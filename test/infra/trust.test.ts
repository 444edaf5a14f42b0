import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { metricNames } from '../../shared/metric-names.ts';
import { emitCount } from '../../shared/metrics.ts';
import { roleStatements, synthesized } from './synthesized.ts';

let services: Template;
let data: Template;

beforeAll(() => {
  ({ services, data } = synthesized());
});

/** The logical id prefix of a resource named after a catalog function: `SubmitNomination…`. */
const ref = (prefix: string) => Match.stringLikeRegexp(`^${prefix}[0-9A-F]{8}$`);

/** The alarms' conditions: CloudWatch, on behalf of this account's alarms only. */
const ourAlarms = {
  StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
  ArnLike: {
    'aws:SourceArn': {
      'Fn::Join': [
        '',
        // The stage names its region (infra/app.ts): region and partition are written out.
        ['arn:aws:cloudwatch:eu-west-1:', { Ref: 'AWS::AccountId' }, ':alarm:*'],
      ],
    },
  },
};

describe('the alarm topic', () => {
  it('is encrypted with a key of our own, rotated, that CloudWatch may use for this account’s alarms only', () => {
    const key = new Capture();
    services.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
    });
    expect(key.asString()).toMatch(/^AlarmsKey/);
    const keyResource = services.toJSON().Resources[key.asString()];
    expect(keyResource.Type).toBe('AWS::KMS::Key');
    expect(keyResource.Properties.EnableKeyRotation).toBe(true);
    const statements = keyResource.Properties.KeyPolicy.Statement as Record<string, unknown>[];
    const cloudWatch = statements.filter((s) =>
      JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(cloudWatch).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: ourAlarms,
      }),
    ]);
  });

  it('lets CloudWatch publish this account’s alarms, over TLS only', () => {
    services.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ref('Alarms') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'CloudWatchPublishesThisAccountsAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: ref('Alarms') },
            Condition: ourAlarms,
          },
        ]),
      },
    });
  });
});

describe('the alarms of the timeline', () => {
  const alarmOn = (metricName: string) => {
    const alarms = Object.values(
      services.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } }),
    );
    expect(alarms).toHaveLength(1);
    return alarms[0]?.Properties;
  };

  it('raise one when a decided nomination is still not notified an hour after decisions are due', () => {
    expect(alarmOn('DecidedNotNotified')).toMatchObject({
      Namespace: 'MetlibNominations',
      Dimensions: [
        { Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^CheckDecisionsNotified/) } },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^Alarms/) }],
      AlarmDescription: expect.stringContaining('still not been told'),
    });
  });

  it('raise one when a schedule sync left schedules pending, kept until a sync finds them in line', () => {
    expect(alarmOn('SchedulesPending')).toMatchObject({
      Namespace: 'MetlibNominations',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^SyncSchedules/) } }],
      Threshold: 1,
      TreatMissingData: 'ignore',
      AlarmActions: [{ Ref: expect.stringMatching(/^Alarms/) }],
    });
  });

  it('read the namespace and the dimension the functions emit their counts with', () => {
    // What the function prints: one line of CloudWatch's embedded metric format.
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      emitCount(metricNames.decidedNotNotified, 0);
    } finally {
      write.mockRestore();
    }
    const emitted = printed.map((line) => JSON.parse(line)).find((line) => line._aws);
    const [directive] = emitted._aws.CloudWatchMetrics;
    expect(directive.Metrics).toEqual([{ Name: 'DecidedNotNotified', Unit: 'Count' }]);
    // What the alarm reads: the same namespace, and exactly the same dimensions.
    const namespace = new Capture();
    const dimensions = new Capture();
    services.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DecidedNotNotified',
      Namespace: namespace,
      Dimensions: dimensions,
    });
    expect(namespace.asString()).toBe(directive.Namespace);
    expect(dimensions.asArray().map((d: { Name: string }) => d.Name)).toEqual(directive.Dimensions[0]);
    expect(Object.keys(emitted)).toEqual(expect.arrayContaining(directive.Dimensions[0]));
  });

  it('run the schedule sync every hour as well as on deploy, through the scheduler role, without retries', () => {
    const target = new Capture();
    services.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(60 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: target,
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerRole'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 3600 },
      }),
    });
    expect(target.asObject()).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SyncSchedules/), 'Arn'] });
    expect(Object.keys(services.toJSON().Resources)).toContain('SyncSchedulesOnDeploy');
  });

  it('send the decisions check to the function that counts, with the scheduled runs’ retries and dead letters', () => {
    const sync = Object.values(services.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Description === catalog.find((e) => e.name === 'SyncSchedules')?.description,
    );
    expect(sync?.Properties.Environment.Variables.DECISIONS_CHECK_FUNCTION_ARN).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^CheckDecisionsNotified/), 'Arn'],
    });
    services.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ref('CheckDecisionsNotified') },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleDeadLetters'), 'Arn'] } },
      },
    });
  });
});

describe('least privilege', () => {
  const statementsOf = (name: string) => roleStatements(services, name);
  /** The actions granted on the table and its indexes (the mailer's stream grant is apart). */
  const dynamoActions = (name: string) =>
    statementsOf(name)
      .filter((s) => JSON.stringify(s.Resource).includes('/index/'))
      .flatMap((s) => [s.Action].flat())
      .sort();

  it('gives the public submit function reads of an item, conditional puts and its counters: no delete, no batch write', () => {
    expect(dynamoActions('SubmitNomination')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SubmitNominationServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
            Resource: Match.arrayWith([
              { 'Fn::ImportValue': Match.stringLikeRegexp('ExportsOutputFnGetAttTable.*Arn') },
            ]),
          }),
        ]),
      },
    });
  });

  it('gives readers read actions only', () => {
    for (const reader of ['GetNomination', 'ListNominations', 'CheckDecisionsNotified'])
      expect(dynamoActions(reader)).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    for (const page of ['RenderNominationForm', 'GetProgram'])
      expect(dynamoActions(page)).toEqual(['dynamodb:GetItem']);
  });

  it('lets the mailer read and update its outbox items, queue its one alert and read the stream, and nothing more of the table', () => {
    expect(dynamoActions('SendEmail')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^SendEmailServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['ses:SendEmail', 'ses:SendRawEmail'] }),
          // The account's sending rate, which the mailer paces itself to; IAM names no resource for it.
          Match.objectLike({ Action: 'ses:GetSendQuota', Resource: '*' }),
          Match.objectLike({ Action: Match.arrayWith(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']) }),
        ]),
      },
    });
  });

  it('grants every function exactly the table actions its catalog entry lists', () => {
    for (const entry of catalog)
      expect([entry.name, dynamoActions(entry.name)]).toEqual([
        entry.name,
        (entry.access.table ?? []).map((a) => `dynamodb:${a}`).sort(),
      ]);
  });

  it('lets each function write its own log group only, and no longer through AWSLambdaBasicExecutionRole', () => {
    for (const entry of catalog) {
      const logs = statementsOf(entry.name).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('logs:')),
      );
      expect(logs).toEqual([
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${entry.name}Logs`)), 'Arn'] },
        }),
      ]);
    }
    const resources = services.toJSON().Resources as Record<string, { Type: string; Properties: object }>;
    const named = (prefix: string) =>
      Object.entries(resources).find(([id]) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id))?.[1];
    for (const entry of catalog) {
      expect(named(`${entry.name}ServiceRole`)?.Properties).not.toHaveProperty('ManagedPolicyArns');
      expect(named(`${entry.name}Logs`)).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 30 },
      });
    }
  });
});

describe('staff groups', () => {
  it('are the global organizers and reviewers, and the same limited to each program', () => {
    const names = Object.values(data.findResources('AWS::Cognito::UserPoolGroup'))
      .map((g) => g.Properties.GroupName)
      .sort();
    expect(names).toEqual(['organizers', 'organizers:metlib-2024', 'reviewers', 'reviewers:metlib-2024']);
  });
});
