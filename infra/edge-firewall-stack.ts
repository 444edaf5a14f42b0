import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { catalog, type HttpRoute } from '#functions/catalog';

/**
 * One regular expression for the paths of the public POST routes, as API Gateway matches them:
 * each `{parameter}` one path segment. It is the rate rule's scope, so a route added to the
 * catalog is rate-limited without anyone remembering to add it here.
 */
export const publicPostPathPattern = (
  routes: readonly HttpRoute[] = catalog.flatMap((e) => e.routes ?? []),
) => {
  const paths = [...new Set(routes.filter((r) => r.method === 'POST' && !r.staff).map((r) => r.path))].sort();
  const each = paths.map((path) =>
    path
      .split('/')
      .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('/'),
  );
  return `^(${each.join('|')})$`;
};

export interface EdgeFirewallStackProps extends StackProps {
  /** Requests one viewer address may POST to the public routes in a minute before it is blocked. */
  publicPostsPerIpPerMinute: number;
}

/** Metrics and sampled requests for every rule, named after it, so the WAF console shows what each stopped. */
const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** An AWS managed rule group, its own actions kept (they block). */
const managedRule = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name,
  priority,
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  overrideAction: { none: {} },
  visibilityConfig: visibility(name),
});

/**
 * The web ACL CloudFront puts in front of the API. A web ACL for CloudFront must be made in
 * us-east-1 whatever the stage's region, so it is a stack of its own there; the services stack
 * reads its ARN through CDK's cross-region reference (an SSM parameter in the stage's region,
 * written by a custom resource of this stack), which is why both stacks name their region.
 */
export class EdgeFirewallStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' }, crossRegionReferences: true });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'MetLib nominations: managed rules, and a per-address limit on the public POST routes',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('MetlibNominationsEdge'),
      rules: [
        // Addresses AWS's threat intelligence knows for bots and attacks: refused before any rule counts them.
        managedRule('AWSManagedRulesAmazonIpReputationList', 0),
        // The OWASP-style common rules. Its SizeRestrictions_BODY blocks bodies over 8 KB, which a
        // long motivation can pass; the functions refuse what is too large (413 past 64 KB) in words.
        {
          ...managedRule('AWSManagedRulesCommonRuleSet', 1),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
        },
        {
          // One sender cannot hold the public POST routes (submit, confirm, manage, a participant's
          // answers) for everyone: API Gateway's throttle counts all callers together.
          name: 'PublicPostsPerAddress',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 60,
              limit: props.publicPostsPerIpPerMinute,
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                    {
                      regexMatchStatement: {
                        fieldToMatch: { uriPath: {} },
                        regexString: publicPostPathPattern(),
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('PublicPostsPerAddress'),
        },
      ],
    });
  }
}
