// CloudFront and AWS WAF in front of the HTTP API (infra/edge.ts, infra/edge-firewall-stack.ts).
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../functions/catalog.ts';
import { synthApp } from '../../infra/synth-app.ts';
import { prodStage, synthesized } from './synthesized.ts';

let services: Template;
let firewall: Template;

beforeAll(() => {
  ({ services, firewall } = synthesized());
});

const routes = catalog.flatMap((e) => e.routes ?? []);
/** A path as a request names it: each `{parameter}` a value. */
const requested = (path: string) => path.replace(/\{\w+\}/g, 'abc-123');

describe('the web ACL', () => {
  it('is made for CloudFront, in us-east-1, while the stage stays in its own region', () => {
    const { firewall: stack, stateless } = synthApp();
    expect(stack?.region).toBe('us-east-1');
    expect(stateless.region).toBe('eu-west-1');
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
  });

  it('runs the AWS IP reputation list and common rule set, counting only the 8 KB body rule', () => {
    const rules = new Capture();
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', { Rules: rules });
    const managed = (rules.asArray() as { Statement: { ManagedRuleGroupStatement?: unknown } }[]).filter(
      (r) => r.Statement.ManagedRuleGroupStatement,
    );
    expect(managed).toEqual([
      expect.objectContaining({
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' },
        },
      }),
      expect.objectContaining({
        OverrideAction: { None: {} },
        Statement: {
          ManagedRuleGroupStatement: {
            VendorName: 'AWS',
            Name: 'AWSManagedRulesCommonRuleSet',
            // A motivation of 5,000 characters makes a body past 8 KB: the functions judge its size.
            RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
          },
        },
      }),
    ]);
  });

  it('blocks an address past 30 public POSTs a minute, on the public POST routes only', () => {
    const pattern = new Capture();
    firewall.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              EvaluationWindowSec: 60,
              Limit: 30,
              ScopeDownStatement: {
                AndStatement: {
                  Statements: [
                    {
                      ByteMatchStatement: Match.objectLike({
                        FieldToMatch: { Method: {} },
                        PositionalConstraint: 'EXACTLY',
                        SearchString: 'POST',
                      }),
                    },
                    {
                      RegexMatchStatement: Match.objectLike({
                        FieldToMatch: { UriPath: {} },
                        RegexString: pattern,
                      }),
                    },
                  ],
                },
              },
            },
          },
        }),
      ]),
    });
    const scope = new RegExp(pattern.asString());
    const publicPosts = routes.filter((r) => r.method === 'POST' && !r.staff);
    const staffPosts = routes.filter((r) => r.method === 'POST' && r.staff);
    expect(publicPosts.length).toBeGreaterThanOrEqual(5);
    expect(staffPosts.length).toBeGreaterThanOrEqual(5);
    for (const r of publicPosts) expect(requested(r.path), r.path).toMatch(scope);
    for (const r of staffPosts) expect(requested(r.path), r.path).not.toMatch(scope);
    // One segment per parameter: a longer path is another route.
    expect('/programs/a/b/nominations').not.toMatch(scope);
    expect('/nominations/confirm/abc/extra').not.toMatch(scope);
  });

  it('reaches the services stack in the stage’s region by a cross-region reference', () => {
    firewall.hasResourceProperties('Custom::CrossRegionExportWriter', {
      WriterProps: {
        region: 'eu-west-1',
        exports: Match.objectLike({}),
      },
    });
    const exported = new Capture();
    firewall.hasResourceProperties('Custom::CrossRegionExportWriter', { WriterProps: { exports: exported } });
    expect(Object.values(exported.asObject())).toEqual([{ 'Fn::GetAtt': ['WebAcl', 'Arn'] }]);
    const acl = new Capture();
    services.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { WebACLId: acl },
    });
    expect(acl.asObject()).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), Object.keys(exported.asObject())[0]],
    });
  });
});

describe('the distribution', () => {
  it('sends every route to the API, caching nothing, with the origin secret as a reference only', () => {
    const header = new Capture();
    services.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: Match.objectLike({
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: Match.anyValue() }],
        }),
        Origins: [
          Match.objectLike({
            DomainName: {
              'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [Match.anyValue(), 'ApiEndpoint'] }] }],
            },
            CustomOriginConfig: Match.objectLike({
              OriginProtocolPolicy: 'https-only',
              OriginSSLProtocols: ['TLSv1.2'],
            }),
            OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: header }],
          }),
        ],
      },
    });
    const secrets = services.findResources('AWS::SecretsManager::Secret', {
      Properties: { Description: Match.stringLikeRegexp('CloudFront sends it') },
    });
    const [secretId] = Object.keys(secrets);
    expect(header.asObject()).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
    });
    expect(secrets[secretId as string]?.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 64,
    });
  });

  it('tells the API the host the viewer asked for, over any the viewer sent', () => {
    const code = new Capture();
    services.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: code,
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    });
    const handler = new Function(`${code.asString()}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const request = handler({
      request: {
        headers: { host: { value: 'd111.cloudfront.net' }, 'x-forwarded-host': { value: 'evil.example' } },
      },
    });
    expect(request.headers['x-forwarded-host']).toEqual({ value: 'd111.cloudfront.net' });
  });

  it('gives every function with a route the origin secret to check, and no other function', () => {
    const secretId = Object.keys(
      services.findResources('AWS::SecretsManager::Secret', {
        Properties: { Description: Match.stringLikeRegexp('CloudFront sends it') },
      }),
    )[0];
    const functions = Object.values(services.findResources('AWS::Lambda::Function'));
    const policies = Object.values(services.findResources('AWS::IAM::Policy'));
    for (const entry of catalog) {
      const fn = functions.find((f) => f.Properties.Description === entry.description);
      const told = fn?.Properties.Environment.Variables.EDGE_SECRET_ID;
      const role = fn?.Properties.Role['Fn::GetAtt'][0] as string;
      const reads = policies.some(
        (p) =>
          JSON.stringify(p.Properties.Roles).includes(role) &&
          JSON.stringify(p.Properties.PolicyDocument).includes(`"Ref":"${secretId}"`),
      );
      if (entry.routes) {
        expect(told, entry.name).toEqual({ Ref: secretId });
        expect(reads, entry.name).toBe(true);
      } else {
        expect(told, entry.name).toBeUndefined();
        expect(reads, entry.name).toBe(false);
      }
    }
  });
});

describe('a stage with the edge turned off', () => {
  it('has no firewall stack and no distribution, and tells the functions so', () => {
    const { firewall: none, stateless } = synthApp({
      context: {
        stage: 'prod',
        stages: { prod: { ...prodStage, region: undefined, edge: { enabled: false } } },
      },
    });
    expect(none).toBeUndefined();
    const template = Template.fromStack(stateless);
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: catalog.find((e) => e.name === 'SubmitNomination')?.description,
      Environment: { Variables: Match.objectLike({ EDGE_SECRET_ID: 'off' }) },
    });
  });

  it('needs a region while the edge is on, and says so', () => {
    expect(() =>
      synthApp({ context: { stage: 'prod', stages: { prod: { ...prodStage, region: undefined } } } }),
    ).toThrow(/stages\.prod\.region: region is needed while the edge is on/);
    expect(() =>
      synthApp({
        context: {
          stage: 'prod',
          stages: { prod: { ...prodStage, edge: { publicPostsPerIpPerMinute: 5 } } },
        },
      }),
    ).toThrow(/stages\.prod\.edge\.publicPostsPerIpPerMinute/);
  });
});
