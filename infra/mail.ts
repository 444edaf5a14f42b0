import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { StreamTrigger } from '#functions/catalog';
import type { Alarms } from './alarms.ts';
import type { ProjectFunction } from './project-function.ts';
import { ResourceGroup } from './resource-group.ts';
import type { StageConfig } from './stage-config.ts';

export interface MailProps {
  config: Pick<StageConfig, 'senderEmail' | 'senderDomain'>;
  /** The table whose stream carries the outbox. */
  table: ITableV2;
  alarms: Alarms;
}

/** Sending email: the SES identity and configuration set, and the mailer the outbox's stream drives. */
/** How far behind the table's stream the mailer may fall before the alarm: see deliverFromStream. */
export const mailerBehindMs = 20 * 60_000;

export class Mail extends ResourceGroup {
  /** The sender of every email. */
  readonly from: string;
  readonly configurationSetName: string;
  private readonly identityName: string;
  private readonly deadLetters: Queue;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MailProps,
  ) {
    super(scope, id);
    const { config } = props;
    this.deadLetters = props.alarms.deadLetterQueue(this, 'MailerDeadLetters');
    new EmailIdentity(this, 'Sender', {
      identity: config.senderDomain
        ? Identity.domain(config.senderDomain)
        : Identity.email(config.senderEmail),
    });
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', {
      // An address that bounced for good or complained is not mailed again through this set.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSetName = configurationSet.configurationSetName;
    // EventBridge rather than an SNS topic: the default bus needs no topic for SES to encrypt
    // to (the AWS-managed SNS key cannot grant SES, as it cannot grant CloudWatch), and a rule
    // selects this set's events and retries into a dead-letter queue. `detail` is the same SES
    // event record an SNS destination would carry as its message.
    configurationSet.addEventDestination('DeliveryEvents', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.REJECT,
      ],
    });
    this.from = config.senderEmail;
    this.identityName = config.senderDomain ?? config.senderEmail;
    this.suppressAtAccountLevel();
  }

  /**
   * The account's suppression list takes bounces and complaints, so an address that bounced for
   * good is not mailed again from anything in the account. CloudFormation has no resource for
   * it: the SESv2 call is made on create and update, and left in place on delete.
   */
  private suppressAtAccountLevel() {
    const call = {
      service: 'SESv2',
      action: 'PutAccountSuppressionAttributes',
      parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      physicalResourceId: PhysicalResourceId.of('account-suppression'),
    };
    const suppression = new AwsCustomResource(this, 'AccountSuppression', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['ses:PutAccountSuppressionAttributes'], resources: ['*'] }),
      ]),
    });
    Validations.of(suppression).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ses:PutAccountSuppressionAttributes supports no resource-level permissions.',
    });
    // The one function behind every AwsCustomResource of the stack, which CDK creates and names.
    const provider = Stack.of(this).node.tryFindChild(
      AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '').replace(/^/, 'AWS'),
    );
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s custom-resource function writes its logs with the basic execution role; it runs only on deploy.',
      });
    }
  }

  /**
   * `fn` records the configuration set's events: a rule on the default bus takes the events of
   * this set (SES names it in every event's tags), retries a failed delivery for a day, then
   * parks the event in a dead-letter queue with an alarm.
   */
  recordEvents(fn: IFunction) {
    const deadLetters = this.props.alarms.deadLetterQueue(this, 'MailEventDeadLetters');
    new Rule(this, 'DeliveryEventRule', {
      description: 'SES bounce, complaint, delivery and reject events of the configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received', 'Email Delivered', 'Email Rejected'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(fn, {
          deadLetterQueue: deadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }

  /**
   * Lets `fn` send from the sender identity, through the configuration set, as the sender address
   * only: with a domain identity the grant would otherwise cover any address at the domain.
   */
  grantSend(fn: IFunction) {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail', 'ses:SendEmail'],
        conditions: { StringEquals: { 'ses:FromAddress': this.from } },
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identityName }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSetName,
          }),
        ],
      }),
    );
    // The sender paces itself to the account's rate, read from SES (shared/adapters/ses-send-quota.ts).
    // GetSendQuota names no resource: IAM takes it on "*" only.
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
    if (fn.role)
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ses:GetSendQuota supports no resource-level permissions; it reads the account’s sending rate.',
      });
  }

  /**
   * `fn` sends the outbox's new emails as the table's stream brings them: batches as the
   * catalog's trigger says, a batch that fails every retry parked in the mailer's dead-letter
   * queue, and an alarm when the mailer falls behind the stream.
   */
  deliverFromStream(fn: ProjectFunction, trigger: StreamTrigger) {
    const { name } = fn.catalogEntry;
    fn.addEventSource(
      new DynamoEventSource(this.props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: trigger.batchSize,
        bisectBatchOnError: trigger.bisectBatchOnError,
        retryAttempts: trigger.maxRetryAttempts,
        parallelizationFactor: trigger.parallelization ?? 1,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter(trigger.filter)],
      }),
    );
    // Decision day is paced to the account's rate: 10,000 decisions at 14 a second keep the
    // mailer some twelve minutes behind the stream by design. Behind longer, it is stuck.
    this.props.alarms.add(`${name}IteratorAge`, {
      metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: mailerBehindMs,
      evaluationPeriods: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `${name} is more than 20 minutes behind the table's stream.`,
    });
  }
}
