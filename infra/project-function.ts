import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionEntry } from '#functions/catalog';
import { tableDesign } from '#shared/adapters/table-design';

export const projectRoot = join(import.meta.dirname, '..');

export interface ProjectFunctionProps {
  entry: FunctionEntry;
  environment: Record<string, string>;
  prod: boolean;
}

/**
 * Every function of the catalog, built one way: Node 24 on arm64, one minified ESM bundle with
 * the AWS SDK inside (no reliance on the runtime's copy), source maps, a log group with a
 * retention, Powertools settings. Access comes with the env var that names the resource.
 */
export class ProjectFunction extends NodejsFunction {
  readonly catalogEntry: FunctionEntry;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    const { entry } = props;
    const files = entry.bundleFiles;
    super(scope, id, {
      entry: join(projectRoot, entry.entry),
      handler: 'handler',
      description: entry.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(entry.timeoutSeconds ?? 10),
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      logGroup: new LogGroup(scope, `${id}Logs`, {
        retention: props.prod ? RetentionDays.SIX_MONTHS : RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'metlib-nominations',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
        ...(files ? { [files.environmentVariable]: `/var/task/${files.folder}` } : {}),
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
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        ...(files
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) => {
                  // Copy with Node rather than a shell command: synth runs offline and anywhere.
                  mkdirSync(join(output, files.folder), { recursive: true });
                  for (const file of files.files)
                    copyFileSync(join(projectRoot, file), join(output, files.folder, basename(file)));
                  return [];
                },
              },
            }
          : {}),
      },
    });
    this.catalogEntry = entry;
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole grants only what writing logs takes (CreateLogGroup, CreateLogStream, PutLogEvents); the function writes to its own log group with a retention.',
    });
  }

  /**
   * Grants the table access the catalog declares, on the table and its indexes by name (no
   * wildcard), and names the table in TABLE_NAME.
   */
  bindTable(table: ITableV2) {
    const access = this.catalogEntry.access.table;
    if (!access) return;
    const read = [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
    ];
    const write = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? read : [...read, ...write],
        resources: [table.tableArn, ...tableDesign.indexes.map((i) => `${table.tableArn}/index/${i.name}`)],
      }),
    );
    this.addEnvironment('TABLE_NAME', table.tableName);
  }
}
