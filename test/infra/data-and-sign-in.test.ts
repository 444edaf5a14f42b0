import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp } from '../../infra/synth-app.ts';
import { prodStage, synthesized } from './synthesized.ts';

let services: Template;
let data: Template;

beforeAll(() => {
  ({ services, data } = synthesized());
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

  it('has the console’s client alone: no implicit flow, no writable address, tokens of an hour at most', () => {
    // A client with CDK's defaults would allow the implicit flow to https://example.com and let a
    // token change its own email, the name the audit trail gives its holder.
    const clients = Object.values(data.findResources('AWS::Cognito::UserPoolClient')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(clients).toHaveLength(1);
    for (const { Properties: client } of clients) {
      expect(client.AllowedOAuthFlows).toEqual(['code']);
      expect(client.CallbackURLs).toEqual(['https://nominations-dev.metlib.example.org/staff/callback']);
      // Absent or empty means every writable attribute to Cognito.
      expect(client.WriteAttributes).toEqual(['locale']);
      expect(client.TokenValidityUnits).toMatchObject({ IdToken: 'minutes', AccessToken: 'minutes' });
      expect(client.IdTokenValidity).toBeLessThanOrEqual(60);
      expect(client.AccessTokenValidity).toBeLessThanOrEqual(60);
    }
  });

  it('requires MFA and lets only an administrator create accounts', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
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
