import { cpSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AssetStaging, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type CfnLogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { FunctionEntry, TableAction } from '#functions/catalog';
import { type ConsoleSignIn, environmentFor } from '#functions/environment';
import { tableDesign } from '#shared/adapters/table-design';
import { edgeOff, variables } from '#shared/environment';
import { buildConsole, consoleDist } from '../console/build.ts';
import type { Mail } from './mail.ts';
import type { ProgramSchedules } from './program-schedules.ts';
import { bundleBanner, splitBuildCommand } from './split-bundle.ts';

export const projectRoot = join(import.meta.dirname, '..');

export interface ProjectFunctionProps {
  entry: FunctionEntry;
  prod: boolean;
}

/** What a function's access may be granted on, and the values its variables take. */
export interface AccessResources {
  table: ITableV2;
  mail: Mail;
  schedules: ProgramSchedules;
  organizerEmails: readonly string[];
  /** The ARN of the catalog function of this name: the schedule managers are told the targets'. */
  functionArn: (name: string) => string;
  /** Where the staff console signs in: the user pool's issuer and the console's client. */
  console: ConsoleSignIn;
  /** Holds the private key that signs links: read by the functions that mint them alone. */
  linkSecret: ISecret;
  /** The public keys links are checked against, as JSON: public, so in the environment. */
  linkPublicKeys: string;
  /** The origin secret CloudFront sends, which every function with a route reads; none when the edge is off. */
  edgeSecret?: ISecret;
  /** Where people open the site: the stage's console URL. */
  siteUrl: string;
  intakeLimits: { perNominatorPerDay: number; perSourcePerHour: number };
}

/** Bundle files that are our own build's output, by their folder: built before they are copied. */
const builtBundleFiles: Record<string, () => void> = {
  [relative(projectRoot, consoleDist)]: () => void buildConsole(),
};

/** Where Lambda puts the bundle. */
const taskRoot = '/var/task';

/**
 * Every function of the catalog, built one way: Node 24 on arm64, a minified ESM bundle split
 * into what loads at start and chunks loaded on first use, with the AWS SDK inside (no reliance
 * on the runtime's copy), source maps, a log group with a
 * retention, Powertools settings. Its access is granted in one call, which also sets the
 * variables that name what it was granted.
 */
export class ProjectFunction extends NodejsFunction {
  readonly catalogEntry: FunctionEntry;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    const { entry } = props;
    const files = entry.bundleFiles;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own rather than the default one, whose AWSLambdaBasicExecutionRole lets the
    // function create and write any log group of the account: this one writes to its own only.
    const role = new Role(scope, `${id}ServiceRole`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${entry.name}: its own log group and what its catalog entry grants`,
    });
    logGroup.grantWrite(role);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>:*]`,
      reason:
        'Log streams are named by Lambda at run time; the grant is limited to the function’s own log group.',
    });
    super(scope, id, {
      role,
      entry: join(projectRoot, entry.entry),
      handler: 'handler',
      description: entry.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(entry.timeoutSeconds ?? 10),
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      logGroup,
      environment: {
        [variables.POWERTOOLS_SERVICE_NAME]: 'metlib-nominations',
        [variables.POWERTOOLS_LOG_LEVEL]: 'INFO',
        [variables.NODE_OPTIONS]: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        platform: 'node',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: [],
        // Some dependencies are CommonJS and call require(); ESM bundles need it defined.
        banner: bundleBanner,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (input: string, output: string) => {
            // CDK also asks for the commands a Docker build would run, with the container's
            // path: copying there would write to the host's /asset-output, and two syntheses
            // at once (the template tests' workers) raced each other in it.
            if (output === AssetStaging.BUNDLING_OUTPUT_DIR) return [];
            if (files) {
              // Files we build ourselves are built now, so a deploy carries what the sources say.
              builtBundleFiles[files.from]?.();
              // Copy with Node rather than a shell command: synth runs offline and anywhere.
              mkdirSync(join(output, files.folder), { recursive: true });
              for (const file of files.files)
                cpSync(join(projectRoot, files.from, file), join(output, files.folder, file), {
                  recursive: true,
                });
            }
            // Run after the CDK's esbuild step, over its single file (infra/split-bundle.ts).
            return [splitBuildCommand(projectRoot, join(input, entry.entry), output)];
          },
        },
      },
    });
    this.catalogEntry = entry;
  }

  /**
   * Grants what the catalog entry's access declares, and sets exactly the variables that come
   * with it (functions/environment.ts): the function reads nothing it was not granted.
   */
  grantAccess(resources: AccessResources) {
    const { access } = this.catalogEntry;
    if (access.table) this.grantTable(resources.table, access.table, access.partitions);
    if (access.sendEmail) resources.mail.grantSend(this);
    if (access.manageSchedules) resources.schedules.grantManage(this);
    // The private key to the functions that mint links alone; those that only check them are
    // given the public keys in their environment and no access to the secret.
    if (access.signLinks) resources.linkSecret.grantRead(this);
    if (this.catalogEntry.routes) resources.edgeSecret?.grantRead(this);
    const environment = environmentFor(this.catalogEntry, {
      tableName: resources.table.tableName,
      mailFrom: resources.mail.from,
      sesConfigurationSet: resources.mail.configurationSetName,
      organizerEmails: resources.organizerEmails,
      scheduleGroupPrefix: resources.schedules.groupPrefix,
      functionArn: resources.functionArn,
      console: resources.console,
      linkSecret: resources.linkSecret.secretArn,
      linkPublicKeys: resources.linkPublicKeys,
      edgeSecret: resources.edgeSecret?.secretArn ?? edgeOff,
      siteUrl: resources.siteUrl,
      intakeLimits: resources.intakeLimits,
      schedulerRoleArn: resources.schedules.role.roleArn,
      schedulerDeadLetterArn: resources.schedules.deadLetters.queueArn,
      bundleFilesFolder: (files) => `${taskRoot}/${files.folder}`,
    });
    for (const [name, value] of Object.entries(environment)) this.addEnvironment(name, value);
  }

  /**
   * Exactly the catalog's actions, on the table and its indexes by name: no wildcard; and on the
   * partitions it lists only, when it lists them.
   */
  private grantTable(table: ITableV2, actions: readonly TableAction[], partitions?: readonly string[]) {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn, ...tableDesign.indexes.map((i) => `${table.tableArn}/index/${i.name}`)],
        ...(partitions
          ? {
              conditions: {
                'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...partitions] },
                // ForAllValues holds for a request that names no key at all (a Scan): require one.
                Null: { 'dynamodb:LeadingKeys': 'false' },
              },
            }
          : {}),
      }),
    );
  }
}
