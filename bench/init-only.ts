import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { catalog } from '#functions/catalog';
import { environmentFor, type FunctionResources } from '#functions/environment';
import { synthApp } from '../infra/synth-app.ts';
import { newLinkKeyPair } from '../shared/adapters/link-key-pair.ts';
import { measureInit } from './bundle-init.ts';
import { benchLimits } from './intake.ts';
import { initTableOf } from './report.ts';

/**
 * Every function's bundle from `cdk synth` (into `work`), imported under Node 24 against its
 * floor: the first part of the full run, and all of `--init-only`.
 */
export const timeModuleInit = async (work: string, say: (line: string) => void) => {
  say('bundling every function (cdk synth)…');
  const outdir = join(work, 'cdk.out');
  const { app, stateless } = synthApp({ bundle: true, outdir });
  app.synth();
  const functions = Template.fromStack(stateless).findResources('AWS::Lambda::Function');
  const bundles = new Map<string, string>();
  for (const entry of catalog) {
    const fn = Object.values(functions).find((f) => f.Properties.Description === entry.description);
    bundles.set(entry.name, join(outdir, fn?.Metadata['aws:asset:path']));
  }
  say('timing module init under Node 24 (11 fresh processes each, in turn with its floor)…');
  // Every function's variables, with stand-ins for the AWS resources (nothing is called at import).
  const standIns: FunctionResources = {
    tableName: 't',
    mailFrom: 'a@b.org',
    organizerEmails: ['a@b.org'],
    scheduleGroupPrefix: 'bench-',
    functionArn: (name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    schedulerRoleArn: 'arn:aws:iam::000000000000:role/x',
    schedulerDeadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:x',
    bundleFilesFolder: (files) => `/var/task/${files.folder}`,
    console: { authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x', clientId: 'x' },
    linkSecret: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:x',
    linkPublicKeys: JSON.stringify([newLinkKeyPair().publicKey]),
    // As on AWS, where CloudFront stands in front: every function with a route reads its secret.
    edgeSecret: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:edge',
    siteUrl: 'https://nominations.metlib.example.org',
    intakeLimits: benchLimits,
  };
  const env = Object.assign(
    { AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    ...catalog.map((entry) => environmentFor(entry, standIns)),
  );
  return measureInit(catalog, bundles, work, env);
};

/**
 * `npm run bench -- --init-only`: the module init part alone (a few minutes), printed, with
 * BENCHMARKS.md left as it is. The synth and the stand-ins are the full run's (bench/run.ts).
 */
export const initOnly = async (say: (line: string) => void) => {
  const work = mkdtempSync(join(tmpdir(), 'metlib-bench-init-'));
  const init = await timeModuleInit(work, say);
  rmSync(work, { recursive: true, force: true });
  const { libraries, certificates } = init;
  process.stdout.write(`\n${initTableOf(init)}\n\n`);
  if (libraries) {
    say(
      `zod/mini on a DynamoDB floor: ${libraries.ms.toFixed(0)} ms against ${libraries.floorMs.toFixed(0)} ms`,
    );
  }
  if (certificates) {
    say(
      `pdf-lib and fontkit on ServeCertificate's floor: ${certificates.ms.toFixed(0)} ms against ${certificates.floorMs.toFixed(0)} ms (${(certificates.bytes / 1024).toFixed(0)} KB)`,
    );
  }
  return init;
};
