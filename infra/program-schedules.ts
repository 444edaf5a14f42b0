import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnSchedule, CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { recurringSchedule } from '#functions/catalog';
import type { Alarms } from './alarms.ts';
import type { ProjectFunction } from './project-function.ts';
import { ResourceGroup } from './resource-group.ts';

export interface ProgramSchedulesProps {
  alarms: Alarms;
  programIds: readonly string[];
}

/**
 * EventBridge Scheduler: a schedule group per program (the sync fills it from the timeline), the
 * role schedules run as, where failed runs are parked, the recurring sweeps and the sync on deploy.
 */
export class ProgramSchedules extends ResourceGroup {
  /** Prepended to a program's id to name its group: each stage has groups of its own. */
  readonly groupPrefix: string;
  readonly role: Role;
  readonly deadLetters: Queue;
  private readonly groups: CfnScheduleGroup[];
  private readonly programIds: readonly string[];
  private readonly invocable: PolicyStatement;

  constructor(scope: Construct, id: string, props: ProgramSchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deadLetters = props.alarms.deadLetterQueue(this, 'ScheduleDeadLetters');
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description:
        'EventBridge Scheduler invokes the timeline functions and the recurring sweeps, nothing else',
    });
    this.deadLetters.grantSendMessages(this.role);
    this.groupPrefix = `${stack.stackName}-`;
    this.programIds = props.programIds;
    this.groups = props.programIds.map(
      (programId) =>
        new CfnScheduleGroup(this, `Schedules-${programId}`, { name: `${this.groupPrefix}${programId}` }),
    );
    // Exactly the functions' ARNs: grantInvoke would add every version and alias with a wildcard.
    this.invocable = new PolicyStatement({ actions: ['lambda:InvokeFunction'] });
    this.role.addToPolicy(this.invocable);
    this.node.addValidation({
      validate: () => (this.invocable.hasResource ? [] : ['The catalog names no schedule target']),
    });
  }

  /** `fn` runs program schedules as they fire. */
  addTarget(fn: ProjectFunction) {
    // Scheduler invokes Lambda asynchronously: its dead-letter queue catches failed invocations,
    // not failed runs. A run that fails Lambda's own two retries lands in the same queue.
    fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.deadLetters) });
    this.invocable.addResources(fn.functionArn);
  }

  /** A schedule of its own invokes `fn` every so many minutes. */
  addRecurring(fn: ProjectFunction, every: { minutes: number }) {
    const entry = fn.catalogEntry;
    this.invocable.addResources(fn.functionArn);
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
        roleArn: this.role.roleArn,
        // No dead letter either: a missed run is followed by the next within the period.
        retryPolicy: {
          maximumRetryAttempts: schedule.maximumRetryAttempts,
          maximumEventAgeInSeconds: schedule.maximumEventAgeSeconds,
        },
      },
    });
  }

  /** `fn` runs on every deploy, after the schedule groups exist. */
  runOnDeploy(fn: ProjectFunction) {
    const trigger = new Trigger(this, `${fn.catalogEntry.name}OnDeploy`, {
      handler: fn,
      executeOnHandlerChange: true,
      timeout: Duration.minutes(5),
    });
    for (const group of this.groups) trigger.executeAfter(group);
  }

  /**
   * Lets `fn` create, update and delete the schedules of this stage's program groups, and hand
   * them the scheduler role.
   */
  grantManage(fn: ProjectFunction) {
    const stack = Stack.of(this);
    const arns = (resource: string, suffix: string) =>
      this.programIds.map((p) =>
        stack.formatArn({ service: 'scheduler', resource, resourceName: `${this.groupPrefix}${p}${suffix}` }),
      );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:GetScheduleGroup', 'scheduler:CreateScheduleGroup'],
        resources: arns('schedule-group', ''),
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
        resources: arns('schedule', '/*'),
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }));
    // The findings are on the role's policy: the role is the function's sibling, not its child.
    const role = fn.role ?? fn;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'scheduler:ListSchedules supports no resource-level permissions; it is the only action granted on *.',
    });
    // cdk-nag names a pseudo parameter as <AWS::Region>, a stage deployed to a named region by it.
    const named = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const arnStart = `arn:${named(stack.partition, 'Partition')}:scheduler:${named(stack.region, 'Region')}`;
    for (const p of this.programIds) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${arnStart}:<AWS::AccountId>:schedule/${this.groupPrefix}${p}/*]`,
        reason:
          'Schedules are named from the timeline at run time; the grant is limited to this stage’s schedule group of the program.',
      });
    }
    // The role is handed to EventBridge Scheduler only: no other service may be given it.
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
  }
}
