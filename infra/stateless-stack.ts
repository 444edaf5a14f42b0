import { Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnSchedule, CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { programs } from '#events/programs/index';
import { catalog, recurringSchedule } from '#functions/catalog';
import { ProjectFunction } from './project-function.ts';
import type { StageConfig } from './stage-config.ts';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: TableV2 | ITableV2;
  userPool: UserPool;
  userPoolClient: UserPoolClient;
}

/** The code and its wiring: one function per catalog entry, the HTTP API, the stream, the schedules, mail and alarms. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<string, ProjectFunction>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const prod = config.stage === 'prod';

    const alarms = new Topic(this, 'Alarms', {
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    alarms.addSubscription(new EmailSubscription(config.alarmEmail));
    const alarmOn = (alarm: Alarm) => alarm.addAlarmAction(new SnsAction(alarms));

    const deadLetterQueue = (name: string) => {
      const queue = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue.',
      });
      alarmOn(
        new Alarm(this, `${name}NotEmpty`, {
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `A message is waiting in ${name}: something failed for good and needs a person.`,
        }),
      );
      return queue;
    };
    const mailDlq = deadLetterQueue('MailerDeadLetters');
    const scheduleDlq = deadLetterQueue('ScheduleDeadLetters');

    new EmailIdentity(this, 'Sender', {
      identity: config.senderDomain
        ? Identity.domain(config.senderDomain)
        : Identity.email(config.senderEmail),
    });
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', {});
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description:
        'EventBridge Scheduler invokes the timeline functions and the recurring sweeps, nothing else',
    });
    scheduleDlq.grantSendMessages(schedulerRole);
    const groupPrefix = `${this.stackName}-`;
    const scheduleGroups = [...programs.keys()].map(
      (programId) =>
        new CfnScheduleGroup(this, `Schedules-${programId}`, { name: `${groupPrefix}${programId}` }),
    );

    const environment = {
      ORGANIZER_EMAILS: config.organizerEmails.join(','),
      MAIL_FROM: config.senderEmail,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
    };
    for (const entry of catalog) {
      const fn = new ProjectFunction(this, entry.name, { entry, environment, prod });
      fn.bindTable(table);
      this.functions.set(entry.name, fn);
      alarmOn(
        new Alarm(this, `${entry.name}Errors`, {
          metric: fn.metricErrors({ period: Duration.minutes(5) }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `${entry.name} failed.`,
        }),
      );
    }

    const scheduleTargets = catalog.flatMap((entry) =>
      entry.scheduleTarget
        ? [{ spec: entry.scheduleTarget, fn: this.functions.get(entry.name) as ProjectFunction }]
        : [],
    );
    if (!scheduleTargets.length) throw new Error('The catalog names no schedule target');
    // Scheduler invokes Lambda asynchronously: its dead-letter queue catches failed invocations,
    // not failed runs. A run that fails Lambda's own two retries lands in the same queue.
    for (const { fn } of scheduleTargets) {
      fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(scheduleDlq) });
    }
    const recurring = catalog.flatMap((entry) =>
      entry.every
        ? [{ entry, fn: this.functions.get(entry.name) as ProjectFunction, every: entry.every }]
        : [],
    );
    // Exactly the functions' ARNs: grantInvoke would add every version and alias with a wildcard.
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...scheduleTargets, ...recurring].map(({ fn }) => fn.functionArn),
      }),
    );
    for (const { entry, fn, every } of recurring) {
      // A failed sweep raises the function's error alarm; the next sweep is the retry.
      fn.configureAsyncInvoke({ retryAttempts: 0 });
      const schedule = recurringSchedule(every);
      new CfnSchedule(this, `${entry.name}Schedule`, {
        description: entry.description,
        scheduleExpression: schedule.expression,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        target: {
          arn: fn.functionArn,
          roleArn: schedulerRole.roleArn,
          // No dead letter either: a missed run is followed by the next within the period.
          retryPolicy: {
            maximumRetryAttempts: schedule.maximumRetryAttempts,
            maximumEventAgeInSeconds: schedule.maximumEventAgeSeconds,
          },
        },
      });
    }

    for (const fn of this.functions.values()) {
      const { access } = fn.catalogEntry;
      if (access.sendEmail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendRawEmail', 'ses:SendEmail'],
            resources: [
              this.formatArn({
                service: 'ses',
                resource: 'identity',
                resourceName: config.senderDomain ?? config.senderEmail,
              }),
              this.formatArn({
                service: 'ses',
                resource: 'configuration-set',
                resourceName: configurationSet.configurationSetName,
              }),
            ],
          }),
        );
      }
      if (access.manageSchedules) {
        fn.addEnvironment('SCHEDULE_GROUP_PREFIX', groupPrefix);
        for (const target of scheduleTargets)
          fn.addEnvironment(target.spec.arnVariable, target.fn.functionArn);
        fn.addEnvironment('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
        fn.addEnvironment('SCHEDULER_DLQ_ARN', scheduleDlq.queueArn);
        const groupArns = [...programs.keys()].map((p) =>
          this.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: `${groupPrefix}${p}`,
          }),
        );
        const scheduleArns = [...programs.keys()].map((p) =>
          this.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${groupPrefix}${p}/*`,
          }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['scheduler:GetScheduleGroup', 'scheduler:CreateScheduleGroup'],
            resources: groupArns,
          }),
        );
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [
              'scheduler:CreateSchedule',
              'scheduler:UpdateSchedule',
              'scheduler:DeleteSchedule',
              'scheduler:GetSchedule',
            ],
            resources: scheduleArns,
          }),
        );
        fn.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }));
        Validations.of(fn).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'scheduler:ListSchedules supports no resource-level permissions; it is the only action granted on *.',
        });
        for (const p of programs.keys()) {
          Validations.of(fn).acknowledge({
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${groupPrefix}${p}/*]`,
            reason:
              'Schedules are named from the timeline at run time; the grant is limited to this stage’s schedule group of the program.',
          });
        }
        fn.addToRolePolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['iam:PassRole'],
            resources: [schedulerRole.roleArn],
          }),
        );
      }
    }

    // The mailer: new outbox emails from the table's stream.
    for (const entry of catalog) {
      if (!entry.stream) continue;
      const fn = this.functions.get(entry.name) as ProjectFunction;
      fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: entry.stream.batchSize,
          bisectBatchOnError: entry.stream.bisectBatchOnError,
          retryAttempts: entry.stream.maxRetryAttempts,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(mailDlq),
          filters: [FilterCriteria.filter(entry.stream.filter)],
        }),
      );
      alarmOn(
        new Alarm(this, `${entry.name}IteratorAge`, {
          metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
          threshold: 60_000,
          evaluationPeriods: 2,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `${entry.name} is more than a minute behind the table's stream.`,
        }),
      );
    }

    // The sync runs on every deploy, after the schedule groups exist.
    for (const entry of catalog.filter((e) => e.runOnDeploy)) {
      const trigger = new Trigger(this, `${entry.name}OnDeploy`, {
        handler: this.functions.get(entry.name) as ProjectFunction,
        executeOnHandlerChange: true,
        timeout: Duration.minutes(5),
      });
      for (const group of scheduleGroups) trigger.executeAfter(group);
    }

    // The HTTP API.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH,
    });
    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new HttpApi(this, 'Api', { description: 'MetLib nominations', createDefaultStage: true });
    const submitRoutes: string[] = [];
    for (const entry of catalog) {
      if (!entry.routes) continue;
      const integration = new HttpLambdaIntegration(
        `${entry.name}Integration`,
        this.functions.get(entry.name) as ProjectFunction,
      );
      for (const route of entry.routes) {
        const [added] = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          ...(route.groups ? { authorizer } : {}),
        });
        if (!route.groups && added) {
          Validations.of(added).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design: the nomination form, the program's public information and the submission of a nomination.`,
          });
        }
        if (!route.groups && route.method === 'POST') submitRoutes.push(`${route.method} ${route.path}`);
      }
    }
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        route: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.error.message',
        authorizerError: '$context.authorizer.error',
      }),
    };
    stage.defaultRouteSettings = { throttlingRateLimit: 100, throttlingBurstLimit: 200 };
    // The public submit route is the one anyone can hammer: it gets its own, lower limit.
    // routeSettings is raw JSON to CDK: its keys go to CloudFormation as written, so in its casing.
    stage.routeSettings = Object.fromEntries(
      submitRoutes.map((key) => [
        key,
        { ThrottlingRateLimit: config.submitRateLimit, ThrottlingBurstLimit: config.submitRateLimit * 2 },
      ]),
    );
  }
}
