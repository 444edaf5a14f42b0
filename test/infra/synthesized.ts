import { Match, Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { synthApp } from '../../infra/synth-app.ts';
import { newLinkKeyPair } from '../../shared/adapters/link-key-pair.ts';

interface Synthesized {
  services: Template;
  data: Template;
  /** The edge's web ACL, in us-east-1. */
  firewall: Template;
}

let dev: Synthesized | undefined;

/**
 * The app as `cdk synth` makes it for the dev stage: the templates of its stacks. Made once
 * per worker and read by every file it runs (the tests only read a template).
 */
export const synthesized = (): Synthesized => {
  if (!dev) {
    const built = synthApp();
    built.app.synth();
    if (!built.firewall) throw new Error('The dev stage has the edge on: it should have a firewall stack');
    dev = {
      services: Template.fromStack(built.stateless),
      data: Template.fromStack(built.stateful),
      firewall: Template.fromStack(built.firewall),
    };
  }
  return dev;
};

/** A complete prod stage, for tests that change one thing of it. */
export const prodStage = {
  senderEmail: 'a@b.org',
  organizerEmails: ['o@b.org'],
  alarmEmail: 'x@b.org',
  region: 'eu-west-1',
  loginDomainPrefix: 'metlib-prod-test',
  consoleUrl: 'https://nominations.metlib.example.org',
  linkPublicKeys: [newLinkKeyPair().publicKey],
};

/** The statements of a catalog function's role policy (one policy per function). */
export const roleStatements = (services: Template, name: string) => {
  const policies = Object.values(
    services.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp(`^${name}ServiceRoleDefaultPolicy`) },
    }),
  );
  expect(policies).toHaveLength(1);
  return policies[0]?.Properties.PolicyDocument.Statement as {
    Action: string | string[];
    Resource: unknown;
  }[];
};
