import { Template } from 'aws-cdk-lib/assertions';
import { synthApp } from '../../infra/synth-app.ts';

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
};
