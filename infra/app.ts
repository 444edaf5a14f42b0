import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { programs } from '#events/programs/index';
import { checkProgram } from '#shared/domain/program-schema';
import { EdgeFirewallStack } from './edge-firewall-stack.ts';
import { readStageConfig } from './stage-config.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Builds the whole system for one stage, checked by cdk-nag's AWS Solutions rules. */
export const buildApp = (app = new App()) => {
  const config = readStageConfig(app);
  for (const program of programs.values()) checkProgram(program);
  const prefix = `MetlibNominations-${config.stage}`;
  // The edge's web ACL is made in us-east-1 and read across regions: the stage's stacks then
  // need their region named (infra/edge-firewall-stack.ts).
  const env = config.region ? { region: config.region } : undefined;
  const firewall = config.edge.enabled
    ? new EdgeFirewallStack(app, `${prefix}-EdgeFirewall`, {
        publicPostsPerIpPerMinute: config.edge.publicPostsPerIpPerMinute,
      })
    : undefined;
  const stateful = new StatefulStack(app, `${prefix}-Data`, { config, ...(env ? { env } : {}) });
  const stateless = new StatelessStack(app, `${prefix}-Services`, {
    ...(env ? { env } : {}),
    ...(firewall ? { crossRegionReferences: true, webAclArn: firewall.webAcl.attrArn } : {}),
    config,
    table: stateful.table,
    userPool: stateful.userPool,
    consoleClient: stateful.consoleClient,
    consoleSignIn: stateful.consoleSignIn,
    linkSecret: stateful.linkSecret,
  });
  Tags.of(app).add('project', 'metlib-nominations');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless, firewall };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp().app.synth();
}
