import { Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { HttpRoute } from '#functions/catalog';
import type { ProjectFunction } from './project-function.ts';
import { ResourceGroup } from './resource-group.ts';

export interface NominationApiProps {
  prod: boolean;
  userPool: UserPool;
  /**
   * The console's app client: the authorizer admits tokens issued to it alone, so a token another
   * client of the pool obtained (one added later, for a script) opens no staff route.
   */
  consoleClient: UserPoolClient;
  /** Requests per second on the public submit route (burst twice that). */
  submitRateLimit: number;
}

type RouteSettings = Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;

/**
 * The HTTP API: the public form, program and submission, and the staff routes behind the Cognito
 * JWT authorizer; access logs, and throttling that is harder on the public submit route.
 */
export class NominationApi extends ResourceGroup {
  readonly api: HttpApi;
  private readonly authorizer: HttpUserPoolAuthorizer;
  /** Filled as routes are mounted; CloudFormation gets it as it stands at synth. */
  private readonly routeSettings: RouteSettings = {};

  constructor(
    scope: Construct,
    id: string,
    private readonly props: NominationApiProps,
  ) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: props.prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH,
    });
    this.authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.userPool, {
      userPoolClients: [props.consoleClient],
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new HttpApi(this, 'Api', { description: 'MetLib nominations', createDefaultStage: true });
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
    stage.routeSettings = this.routeSettings;
  }

  /** Routes the catalog entry's routes to `fn`, its staff routes behind the authorizer. */
  mount(fn: ProjectFunction, routes: readonly HttpRoute[]) {
    const integration = new HttpLambdaIntegration(`${fn.catalogEntry.name}Integration`, fn);
    for (const route of routes) {
      const [added] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.staff ? { authorizer: this.authorizer } : {}),
      });
      if (route.staff) continue;
      if (added) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design: the nomination form, the program's public information, the submission of a nomination, and the nominator's pages, which their signed link authorizes.`,
        });
      }
      // The public POST routes (submit, confirm, manage) are the ones anyone can hammer: a lower limit.
      // routeSettings is raw JSON to CDK: its keys go to CloudFormation as written, so in its casing.
      if (route.method === 'POST') {
        this.routeSettings[`${route.method} ${route.path}`] = {
          ThrottlingRateLimit: this.props.submitRateLimit,
          ThrottlingBurstLimit: this.props.submitRateLimit * 2,
        };
      }
    }
  }
}
