import { Duration, Stack } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
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
    this.configurationSetName = new ConfigurationSet(this, 'MailConfiguration', {}).configurationSetName;
    this.from = config.senderEmail;
    this.identityName = config.senderDomain ?? config.senderEmail;
  }

  /** Lets `fn` send from the sender identity, through the configuration set. */
  grantSend(fn: IFunction) {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail', 'ses:SendEmail'],
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
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter(trigger.filter)],
      }),
    );
    this.props.alarms.add(`${name}IteratorAge`, {
      metric: fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: 60_000,
      evaluationPeriods: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `${name} is more than a minute behind the table's stream.`,
    });
  }
}
