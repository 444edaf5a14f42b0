import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { CountAlarm } from '#functions/catalog';
import { metricDimension, metricsNamespace } from '#shared/metric-names';
import type { ProjectFunction } from './project-function.ts';
import { ResourceGroup } from './resource-group.ts';

export interface AlarmSpec {
  metric: IMetric;
  threshold: number;
  /** One by default. */
  evaluationPeriods?: number;
  /** At or above the threshold by default. */
  comparisonOperator?: ComparisonOperator;
  description: string;
  /** Fine by default: no invocation, no message, no alarm. */
  treatMissingData?: TreatMissingData;
}

/**
 * The alarms and the topic they go to, mailed to the stage's alarm address. Every alarm treats
 * missing data as fine: no invocation, no message, no alarm.
 *
 * The topic is encrypted with a key of our own: the AWS-managed aws/sns key's policy cannot be
 * changed, and CloudWatch needs the key to publish to an encrypted topic, so with it no alarm
 * would ever arrive. Both the key and the topic admit CloudWatch for this account's alarms only
 * (aws:SourceAccount and aws:SourceArn), so no other account's alarm can use them.
 */
export class Alarms extends ResourceGroup {
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { email: string }) {
    super(scope, id);
    const stack = Stack.of(this);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const ourAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    const key = new Key(this, 'AlarmsKey', {
      description: 'Encrypts the alarm topic; CloudWatch may use it for this account’s alarms',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchPublishesThisAccountsAlarms',
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: ourAlarms,
      }),
    );
    const topic = new Topic(this, 'Alarms', { masterKey: key, enforceSSL: true });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchPublishesThisAccountsAlarms',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: ourAlarms,
      }),
    );
    topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(topic);
  }

  add(id: string, spec: AlarmSpec) {
    new Alarm(this, id, {
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      comparisonOperator: spec.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: spec.description,
    }).addAlarmAction(this.action);
  }

  /** Any error of the function in five minutes. */
  addErrors(fn: ProjectFunction) {
    const { name } = fn.catalogEntry;
    this.add(`${name}Errors`, {
      metric: fn.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      description: `${name} failed.`,
    });
  }

  /** A count `fn` emits (shared/metrics.ts), as soon as a run reports one or more. */
  addCount(fn: ProjectFunction, alarm: CountAlarm) {
    this.add(`${fn.catalogEntry.name}${alarm.metric}`, {
      metric: new Metric({
        namespace: metricsNamespace,
        metricName: alarm.metric,
        dimensionsMap: { [metricDimension]: fn.functionName },
        statistic: Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 1,
      description: alarm.description,
      // A count every run reports keeps the alarm raised between runs, until one reports zero.
      ...(alarm.everyRun ? { treatMissingData: TreatMissingData.IGNORE } : {}),
    });
  }

  /**
   * A dead-letter queue in `scope`, encrypted and refusing plain HTTP, that alarms as soon as a
   * message waits in it: what lands there failed for good and needs a person.
   */
  deadLetterQueue(scope: Construct, name: string) {
    const queue = new Queue(scope, name, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    this.add(`${name}NotEmpty`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      description: `A message is waiting in ${name}: something failed for good and needs a person.`,
    });
    return queue;
  }
}
