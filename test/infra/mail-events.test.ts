import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesized } from './synthesized.ts';

let services: Template;

beforeAll(() => {
  ({ services } = synthesized());
});

const recorderArn = () => {
  const [id] = Object.keys(
    services.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^Records what SES reports') },
    }),
  );
  expect(id).toBeDefined();
  return id as string;
};

describe('what SES reports of each email', () => {
  it('suppresses bounces and complaints on the configuration set', () => {
    services.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('publishes bounce, complaint, delivery and reject events of the set to the default bus', () => {
    const set = new Capture();
    services.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: set },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint', 'delivery', 'reject']),
        EventBridgeDestination: {
          EventBusArn: Match.objectLike({
            'Fn::Join': ['', Match.arrayWith([':event-bus/default'])],
          }),
        },
      },
    });
    expect(set.asString()).toMatch(/^MailConfiguration/);
  });

  it('has a rule that takes this set’s events to RecordEmailEvent, with retries and a dead-letter queue', () => {
    const target = new Capture();
    services.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': Match.arrayEquals([
          'Email Bounced',
          'Email Complaint Received',
          'Email Delivered',
          'Email Rejected',
        ]),
        detail: {
          mail: {
            tags: { 'ses:configuration-set': [{ Ref: Match.stringLikeRegexp('^MailConfiguration') }] },
          },
        },
      },
      Targets: [target],
    });
    expect(target.asObject()).toMatchObject({
      Arn: { 'Fn::GetAtt': [recorderArn(), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^MailEventDeadLetters/), 'Arn'] } },
    });
    services.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [recorderArn(), 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('turns account-level suppression on for bounces and complaints', () => {
    const create = new Capture();
    services.hasResourceProperties('Custom::AWS', { Create: create });
    const call = JSON.parse(create.asString());
    expect(call).toMatchObject({
      service: 'SESv2',
      action: 'PutAccountSuppressionAttributes',
      parameters: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    services.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Action: 'ses:PutAccountSuppressionAttributes', Effect: 'Allow', Resource: '*' }],
      },
    });
  });
});
