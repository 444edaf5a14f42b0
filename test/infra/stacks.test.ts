import { App, Stack, Validations } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { synthApp } from '../../infra/synth-app.ts';

let services: Template;
let data: Template;
let built: ReturnType<typeof synthApp>;

beforeAll(() => {
  built = synthApp();
  built.app.synth();
  services = Template.fromStack(built.stateless);
  data = Template.fromStack(built.stateful);
});

const ours = catalog.map((e) => e.description);

/** A complete prod stage, for tests that change one thing of it. */
const prodStage = {
  senderEmail: 'a@b.org',
  organizerEmails: ['o@b.org'],
  alarmEmail: 'x@b.org',
  loginDomainPrefix: 'metlib-prod-test',
  consoleUrl: 'https://nominations.metlib.example.org',
};

describe('the functions', () => {
  it('are one per catalog entry, all on Node 24, arm64, with Powertools settings', () => {
    const functions = services.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.anyValue() },
    });
    const described = Object.values(functions).filter((f) => ours.includes(f.Properties.Description));
    expect(described).toHaveLength(catalog.length);
    for (const fn of described) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: 'metlib-nominations',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
        LoggingConfig: { LogGroup: expect.anything() },
      });
    }
  });

  it('give table readers read actions only, on the table and its index by name', () => {
    const reader = services.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('^GetNominationServiceRoleDefaultPolicy') },
    });
    const statements = Object.values(reader)[0]?.Properties.PolicyDocument.Statement as {
      Action: string[];
      Resource: unknown[];
    }[];
    const dynamo = statements.find((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo?.Action).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(dynamo?.Action).not.toEqual(expect.arrayContaining(['dynamodb:PutItem']));
    expect(JSON.stringify(dynamo?.Resource)).toContain('/index/gsi1');
    expect(JSON.stringify(dynamo?.Resource)).toContain('/index/unsent');
  });

  it('let only the mailer and the outbox redrive send email', () => {
    const senders = Object.entries(services.findResources('AWS::IAM::Policy')).filter(([, p]) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendRawEmail'),
    );
    expect(senders.map(([, p]) => p.Properties.PolicyName).sort()).toEqual([
      expect.stringMatching(/^RedriveOutboxServiceRoleDefaultPolicy/),
      expect.stringMatching(/^SendEmailServiceRoleDefaultPolicy/),
    ]);
  });

  it('let only the schedule sync and the changes of timeline and settings manage schedules', () => {
    const managers = Object.values(services.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('scheduler:CreateSchedule'))
      .map((p) => p.Properties.PolicyName);
    expect(managers.sort()).toEqual([
      expect.stringMatching(/^ChangeProgramSettings/),
      expect.stringMatching(/^SyncSchedules/),
      expect.stringMatching(/^UpdateTimeline/),
    ]);
  });
});

describe('the HTTP API', () => {
  it('puts the JWT authorizer on every staff route and on no public one', () => {
    const routes = services.findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(
      Object.values(routes).map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType ?? 'NONE']),
    );
    for (const entry of catalog) {
      for (const route of entry.routes ?? []) {
        expect(byKey[`${route.method} ${route.path}`], `${route.method} ${route.path}`).toBe(
          route.staff ? 'JWT' : 'NONE',
        );
      }
    }
    services.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: Match.anyValue(), Audience: Match.anyValue() },
    });
  });

  it('admits the ID tokens of both app clients: the API’s own and the console’s', () => {
    const audience = new Capture();
    services.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.'])] },
        Audience: audience,
      },
    });
    const clientIds = Object.keys(data.findResources('AWS::Cognito::UserPoolClient'));
    expect(clientIds).toHaveLength(2);
    const imported = (audience.asArray() as { 'Fn::ImportValue': string }[]).map((a) => a['Fn::ImportValue']);
    expect(imported).toHaveLength(2);
    for (const id of clientIds)
      expect(imported.some((name) => name.includes(`ExportsOutputRef${id}`))).toBe(true);
  });

  it('logs access and throttles the public POST routes harder than the rest', () => {
    const routeSettings = new Capture();
    services.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      RouteSettings: routeSettings,
    });
    const harder = { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 };
    expect(routeSettings.asObject()).toEqual({
      'POST /programs/{programId}/nominations': harder,
      'POST /nominations/confirm/{token}': harder,
      'POST /nominations/manage/{token}': harder,
      'POST /nominations/manage/{token}/withdraw': harder,
      'POST /participants/{token}/calendar': harder,
      'POST /participants/{token}/evaluation': harder,
      'POST /participants/{token}/leave': harder,
    });
  });
});

describe('the nominators’ links and the intake limits', () => {
  const variablesOf = (name: string) =>
    Object.values(services.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Description === catalog.find((e) => e.name === name)?.description,
    )?.Properties.Environment.Variables;

  it('keep the link secret with the data, generated, and give it to the functions that sign links', () => {
    data.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    for (const name of ['SubmitNomination', 'ConfirmNomination', 'ManageNomination']) {
      expect(JSON.stringify(variablesOf(name).LINK_SECRET_ID), name).toMatch(/LinkSecret/);
    }
    expect(variablesOf('ListNominations')).not.toHaveProperty('LINK_SECRET_ID');
    const readers = Object.values(services.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    // The nominators' links, and the participants' in the emails sent to participants.
    expect(readers.map((p) => JSON.stringify(p.Properties.Roles)).sort()).toEqual(
      [
        'ArrangeMentoringGroups',
        'ChangeProgramSettings',
        'ConfirmNomination',
        'DecideNominations',
        'IssueCertificates',
        'ManageNomination',
        'NotifyDecisions',
        'RunTimelineEvent',
        'SendAnnouncement',
        'ServeCertificate',
        'ServeEvaluation',
        'ServeParticipantPage',
        'SubmitNomination',
        'TransitionNomination',
        'UpdateTimeline',
      ].map((n) => expect.stringContaining(n)),
    );
    // Their links point where the console is served, the stage's one address.
    expect(variablesOf('RunTimelineEvent').SITE_URL).toMatch(/^https:\/\//);
    expect(variablesOf('ListNominations')).not.toHaveProperty('SITE_URL');
  });

  it('give the submit function the stage’s limits', () => {
    expect(variablesOf('SubmitNomination')).toMatchObject({
      LIMIT_PER_NOMINATOR_PER_DAY: '5',
      LIMIT_PER_SOURCE_PER_HOUR: '20',
    });
  });
});

describe('the table', () => {
  it('is on demand with point-in-time recovery, a stream of both images and the adapter’s indexes', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      // Unconfirmed nominations and submission counters expire; retention writes it on every item
      // of a nomination once its fate is known (retention.ts).
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1', Projection: { ProjectionType: 'ALL' } }),
        // Sparse and keys only: the emails still owed, for the redrive sweep.
        Match.objectLike({
          IndexName: 'unsent',
          KeySchema: [
            { AttributeName: 'unsentPk', KeyType: 'HASH' },
            { AttributeName: 'unsentSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
  });

  it('is protected from deletion in prod only', () => {
    const prod = synthApp({
      context: { stage: 'prod', stages: { prod: prodStage } },
    });
    Template.fromStack(prod.stateful).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })],
    });
  });
});

describe('staff sign-in', () => {
  it('has a managed login domain with the stage’s prefix', () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'metlib-nominations-dev',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: Match.stringLikeRegexp('^Staff') },
    });
  });

  it('gives the console a public client: the code grant only, no secret, the console’s URLs', () => {
    const clients = data.findResources('AWS::Cognito::UserPoolClient', {
      Properties: { GenerateSecret: false },
    });
    expect(Object.keys(clients)).toEqual([expect.stringMatching(/^StaffStaffConsole/)]);
    data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['https://nominations-dev.metlib.example.org/staff/callback'],
      LogoutURLs: ['https://nominations-dev.metlib.example.org/staff'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
    });
    // The console cannot change a user's email (the audit trail trusts only a verified one).
    const [consoleClient] = Object.values(clients) as { Properties: { WriteAttributes?: string[] } }[];
    expect(consoleClient?.Properties.WriteAttributes).toEqual(['locale']);
    // Managed login shows its pages to a client only with a style.
    data.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: Object.keys(clients)[0] },
      UseCognitoProvidedValues: true,
    });
  });

  it('keeps the API’s own client and MFA as the pool requires it', () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlows: ['implicit', 'code'],
      GenerateSecret: Match.absent(),
    });
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });
});

describe('the mailer trigger', () => {
  it('takes inserted outbox emails only, reports item failures, bisects, retries a bounded number of times, then parks', () => {
    services.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
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
    services.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 60000 });
  });
});

describe('the logical IDs', () => {
  it('stay those of the deployed stack for what holds data or a name, so a deploy updates in place', () => {
    // A renamed logical ID replaces the resource: a queue's parked events and a log group's lines
    // are lost, and a schedule group or configuration set cannot be created under a taken name.
    expect(Object.keys(services.toJSON().Resources)).toEqual(
      expect.arrayContaining([
        'Alarms04B5A0BF',
        'MailerDeadLettersFB95E137',
        'ScheduleDeadLetters0406ECBC',
        'SenderF5F9B8E0',
        'MailConfiguration5CD4B050',
        'SchedulerRole59E73443',
        'Schedulesmetlib2024',
        'RedriveOutboxSchedule',
        'SyncSchedulesOnDeploy',
        'ApiAccessLogsE9DF007D',
        'ApiF70053CD',
        'SendEmailLogs21EB7BC6',
        'SendEmail14C26199',
      ]),
    );
  });
});

describe('IAM', () => {
  it('grants no wildcard resource except ListSchedules, the program schedule groups and the account suppression setting', () => {
    const wild: string[] = [];
    for (const [name, policy] of Object.entries(services.findResources('AWS::IAM::Policy'))) {
      for (const s of policy.Properties.PolicyDocument.Statement as {
        Action: string | string[];
        Resource: unknown;
      }[]) {
        for (const r of [s.Resource].flat()) {
          const text = JSON.stringify(r);
          if (text.includes('*'))
            wild.push(`${name.replace(/[0-9A-F]{8}$/, '')}: ${[s.Action].flat().join(',')} on ${text}`);
        }
      }
    }
    expect(wild.length).toBeGreaterThan(0);
    for (const line of wild) {
      expect(line).toMatch(
        /scheduler:ListSchedules on "\*"|scheduler:CreateSchedule,.* on .*schedule\/MetlibNominations-dev-Services-metlib-2024\/\*|: ses:PutAccountSuppressionAttributes on "\*"$/,
      );
    }
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the app', () => {
    // beforeAll synthesized it; a finding would have thrown there. Say so explicitly too.
    expect(() => synthApp().app.synth()).not.toThrow();
  });

  it('would fail synth on a new finding', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    new Queue(stack, 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });
});

describe('stage settings', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ stage: 'staging' }, 'Unknown stage "staging"'],
    [{ stage: 'prod' }, 'No settings for stage "prod"'],
    [
      { stage: 'prod', stages: { prod: { organizerEmails: ['o@b.org'], alarmEmail: 'x@b.org' } } },
      'stages.prod.senderEmail',
    ],
    [
      { stage: 'prod', stages: { prod: { ...prodStage, loginDomainPrefix: undefined } } },
      'stages.prod.loginDomainPrefix',
    ],
    ...['Metlib', 'metlib-cognito', '-metlib', 'metlib_staff'].map(
      (prefix): [Record<string, unknown>, string] => [
        { stage: 'prod', stages: { prod: { ...prodStage, loginDomainPrefix: prefix } } },
        'stages.prod.loginDomainPrefix: loginDomainPrefix must be',
      ],
    ),
    ...[
      'http://nominations.metlib.example.org',
      'https://nominations.metlib.example.org/',
      'https://nominations.metlib.example.org?x=1',
      'nominations.metlib.example.org',
    ].map((consoleUrl): [Record<string, unknown>, string] => [
      { stage: 'prod', stages: { prod: { ...prodStage, consoleUrl } } },
      'stages.prod.consoleUrl: consoleUrl must be an https:// URL',
    ]),
    [
      {
        stage: 'prod',
        stages: {
          prod: { senderEmail: 'not-an-email', organizerEmails: ['o@b.org'], alarmEmail: 'x@b.org' },
        },
      },
      'stages.prod.senderEmail: senderEmail must be an email address',
    ],
  ])('stop synth and name the value to set: %j', (context, message) => {
    expect(() => synthApp({ context })).toThrow(message);
  });

  it('take a console on this machine over http', () => {
    const local = synthApp({
      context: { stage: 'prod', stages: { prod: { ...prodStage, consoleUrl: 'http://localhost:3000' } } },
    });
    Template.fromStack(local.stateful).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['http://localhost:3000/staff/callback'],
    });
  });
});
