import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { synthesized } from './synthesized.ts';

let services: Template;
let data: Template;

beforeAll(() => {
  ({ services, data } = synthesized());
});

const ours = catalog.map((e) => e.description);

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

  it('admits the tokens of the pool’s issuer issued to the console’s client alone', () => {
    const audience = new Capture();
    services.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: {
        // The stage names its region (infra/app.ts): it is in the issuer as written.
        Issuer: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^https://cognito-idp\\.eu-west-1\\.')])],
        },
        Audience: audience,
      },
    });
    // A client added to the pool later (for a script, say) opens no staff route by being there.
    const clientIds = Object.keys(data.findResources('AWS::Cognito::UserPoolClient'));
    expect(clientIds).toEqual([expect.stringMatching(/^StaffStaffConsole/)]);
    const imported = (audience.asArray() as { 'Fn::ImportValue': string }[]).map((a) => a['Fn::ImportValue']);
    expect(imported).toEqual([expect.stringContaining(`ExportsOutputRef${clientIds[0]}`)]);
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
      // It mails: a public POST like the others that do.
      'POST /participants/{token}/new-link': harder,
    });
  });
});

describe('the nominators’ links and the intake limits', () => {
  const variablesOf = (name: string) =>
    Object.values(services.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Description === catalog.find((e) => e.name === name)?.description,
    )?.Properties.Environment.Variables;

  it('keep the signing key’s secret with the data, named to the functions that mint links; the public keys to every function with links', () => {
    data.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('private ES256 key'),
    });
    const published = JSON.parse(variablesOf('SubmitNomination').LINK_PUBLIC_KEYS);
    expect(published).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: expect.any(String) }),
    ]);
    expect(published[0]).not.toHaveProperty('d');
    for (const name of ['SubmitNomination', 'RunTimelineEvent', 'ServeParticipantPage']) {
      expect(JSON.stringify(variablesOf(name).LINK_SECRET_ID), name).toMatch(/LinkSecret/);
      expect(JSON.parse(variablesOf(name).LINK_PUBLIC_KEYS), name).toEqual(published);
    }
    // The functions that only check links: the public keys, and not even the secret's name.
    for (const name of ['ConfirmNomination', 'ManageNomination', 'ServeEvaluation']) {
      expect(variablesOf(name), name).not.toHaveProperty('LINK_SECRET_ID');
      expect(JSON.parse(variablesOf(name).LINK_PUBLIC_KEYS), name).toEqual(published);
    }
    expect(variablesOf('ListNominations')).not.toHaveProperty('LINK_SECRET_ID');
    expect(variablesOf('ListNominations')).not.toHaveProperty('LINK_PUBLIC_KEYS');
    // Every function with a route reads the edge's origin secret too (test/infra/edge.test.ts).
    const readers = Object.values(services.findResources('AWS::IAM::Policy')).filter((p) =>
      /secretsmanager:GetSecretValue.*LinkSecret/.test(JSON.stringify(p.Properties.PolicyDocument)),
    );
    // The nominators' links at submission, and the participants' in the emails and pages they get.
    expect(readers.map((p) => JSON.stringify(p.Properties.Roles)).sort()).toEqual(
      [
        'ArrangeMentoringGroups',
        'ChangeProgramSettings',
        'DecideNominations',
        'IssueCertificates',
        'NotifyDecisions',
        'RunTimelineEvent',
        'SendAnnouncement',
        'ServeCertificate',
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
