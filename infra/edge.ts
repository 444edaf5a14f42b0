import { CfnOutput, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginRequestPolicy,
  Function as ViewerFunction,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { edgeHeaders } from '#shared/http/through-edge';
import { ResourceGroup } from './resource-group.ts';

export interface EdgeProps {
  api: HttpApi;
  /** The web ACL of the stage's EdgeFirewallStack (us-east-1), by a cross-region reference. */
  webAclArn: string;
}

/**
 * Tells the origin which address the viewer asked for: API Gateway must get its own host in
 * `Host`, and links the functions build (shared/http/request-origin.ts) must name the site's.
 * Set here, it replaces whatever the viewer sent under that name.
 */
const viewerHostCode = `function handler(event) {
  var request = event.request;
  request.headers['${edgeHeaders.viewerHost}'] = { value: request.headers.host.value };
  return request;
}`;

/**
 * CloudFront in front of the whole HTTP API (form, participants' pages, console, API), with the
 * stage's web ACL. Every request it forwards carries the origin secret in a header the functions
 * check (shared/http/through-edge.ts): a request sent to the API's own URL is refused with 403.
 * The secret is a Secrets Manager secret; the template holds only a dynamic reference to it,
 * which CloudFormation resolves when it creates or updates the distribution.
 */
export class Edge extends ResourceGroup {
  readonly distribution: Distribution;
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'CloudFront sends it to the HTTP API; the functions refuse a request without it',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Nothing sent out relies on it: a new stack makes a new one.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront holds the value as resolved at the last deploy of the distribution, so a rotation outside a deploy would refuse every request; it is changed by hand as docs/deploying.md#the-edge-cloudfront-and-aws-waf says.',
    });
    const viewerHost = new ViewerFunction(this, 'ViewerHost', {
      comment: 'Passes the host the viewer asked for to the origin',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerHostCode),
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'MetLib nominations: the form, the pages, the console and the API',
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        // https://<id>.execute-api.<region>.amazonaws.com: its host.
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
          customHeaders: { [edgeHeaders.originSecret]: this.originSecret.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Every answer is made for its request (signed links, tokens, the clock): nothing is cached.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // API Gateway routes by its own Host; every other viewer header, and CloudFront's
        // CloudFront-Viewer-Address, go on.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        functionAssociations: [{ function: viewerHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Nominations come from libraries in every country: there is no country to refuse.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "Every request CloudFront forwards is in the API's access log; what WAF blocked is in its metrics and sampled requests.",
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution's own cloudfront.net name comes with CloudFront's certificate, whose minimum protocol CloudFront sets; a domain of the stage's own, with its certificate, is for the operator to add.",
    });
    new CfnOutput(this, 'SiteUrl', {
      description: "The site's address through CloudFront: the stage's consoleUrl",
      value: `https://${this.distribution.distributionDomainName}`,
    });
  }
}
