// What stops a bad deploy: IAM without wildcards, cdk-nag, and the stage settings' checks.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp } from '../../infra/synth-app.ts';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';
import { prodStage, synthesized } from './synthesized.ts';

let services: Template;

beforeAll(() => {
  ({ services } = synthesized());
});

describe('IAM', () => {
  it('grants no wildcard resource except ListSchedules, the program schedule groups, the account suppression setting and the senders’ sending rate', () => {
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
        /scheduler:ListSchedules on "\*"|scheduler:CreateSchedule,.* on .*schedule\/MetlibNominations-dev-Services-metlib-2024\/\*|: ses:PutAccountSuppressionAttributes on "\*"$|^(SendEmail|RedriveOutbox)ServiceRoleDefaultPolicy: ses:GetSendQuota on "\*"$/,
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
    // A private key where the public keys go would be handed to every function that checks links.
    [
      {
        stage: 'prod',
        stages: { prod: { ...prodStage, linkPublicKeys: [JSON.parse(newLinkKeyPair().privateJwk)] } },
      },
      'stages.prod.linkPublicKeys.0',
    ],
    [{ stage: 'prod', stages: { prod: { ...prodStage, linkPublicKeys: [] } } }, 'stages.prod.linkPublicKeys'],
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
