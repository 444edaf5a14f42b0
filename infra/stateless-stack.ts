import { Lazy, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { programs } from '#events/programs/index';
import { catalog } from '#functions/catalog';
import type { ConsoleSignIn } from '#functions/environment';
import { Alarms } from './alarms.ts';
import { Edge } from './edge.ts';
import { NominationApi } from './http-api.ts';
import { Mail } from './mail.ts';
import { ProgramSchedules } from './program-schedules.ts';
import { ProjectFunction } from './project-function.ts';
import { GroupedStack } from './resource-group.ts';
import type { StageConfig } from './stage-config.ts';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: TableV2 | ITableV2;
  userPool: UserPool;
  /** The console's app client: the one audience the API admits. */
  consoleClient: UserPoolClient;
  /** Where the staff console signs in: the pool's issuer and the console's client. */
  consoleSignIn: ConsoleSignIn;
  linkSecret: ISecret;
  /** The stage's web ACL (EdgeFirewallStack): CloudFront goes in front of the API with it. None when the edge is off. */
  webAclArn?: string;
}

/** The code and its wiring: one function per catalog entry, the HTTP API, the stream, the schedules, mail and alarms. */
export class StatelessStack extends GroupedStack {
  readonly api: HttpApi;
  readonly functions = new Map<string, ProjectFunction>();
  readonly edge: Edge | undefined;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const prod = config.stage === 'prod';
    const alarms = new Alarms(this, 'Alarms', { email: config.alarmEmail });
    const mail = new Mail(this, 'Mail', { config, table, alarms });
    const schedules = new ProgramSchedules(this, 'ProgramSchedules', {
      alarms,
      programIds: [...programs.keys()],
    });
    const http = new NominationApi(this, 'HttpApi', {
      prod,
      userPool: props.userPool,
      consoleClient: props.consoleClient,
      submitRateLimit: config.submitRateLimit,
    });
    this.api = http.api;
    const edge = props.webAclArn
      ? new Edge(this, 'Edge', { api: http.api, webAclArn: props.webAclArn })
      : undefined;
    this.edge = edge;

    const access = {
      table,
      mail,
      schedules,
      organizerEmails: config.organizerEmails,
      console: props.consoleSignIn,
      linkSecret: props.linkSecret,
      linkPublicKeys: JSON.stringify(config.linkPublicKeys),
      ...(edge ? { edgeSecret: edge.originSecret } : {}),
      // The console and the participants' pages are served by the one API, under the same URL.
      siteUrl: config.consoleUrl,
      intakeLimits: config.intakeLimits,
      // Lazy: a function managing schedules comes before the targets it names in the catalog.
      functionArn: (name: string) =>
        Lazy.string({
          produce: () => {
            const target = this.functions.get(name);
            if (!target) throw new Error(`The catalog has no function ${name}`);
            return target.functionArn;
          },
        }),
    };
    for (const entry of catalog) {
      const fn = new ProjectFunction(this, entry.name, { entry, prod });
      this.functions.set(entry.name, fn);
      fn.grantAccess(access);
      alarms.addErrors(fn);
      for (const alarm of entry.alarms ?? []) alarms.addCount(fn, alarm);
      if (entry.routes) http.mount(fn, entry.routes);
      if (entry.stream) mail.deliverFromStream(fn, entry.stream);
      if (entry.scheduleTarget) schedules.addTarget(fn);
      if (entry.every) schedules.addRecurring(fn, entry.every);
      if (entry.runOnDeploy) schedules.runOnDeploy(fn);
      if (entry.mailEvents) mail.recordEvents(fn);
    }
  }
}
