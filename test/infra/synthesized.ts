import { Template } from 'aws-cdk-lib/assertions';
import { synthApp } from '../../infra/synth-app.ts';

/** The app as `cdk synth` makes it for the dev stage: the templates of its two stacks. */
export const synthesized = (): { services: Template; data: Template } => {
  const built = synthApp();
  built.app.synth();
  return { services: Template.fromStack(built.stateless), data: Template.fromStack(built.stateful) };
};

/** A complete prod stage, for tests that change one thing of it. */
export const prodStage = {
  senderEmail: 'a@b.org',
  organizerEmails: ['o@b.org'],
  alarmEmail: 'x@b.org',
  loginDomainPrefix: 'metlib-prod-test',
  consoleUrl: 'https://nominations.metlib.example.org',
};
