import { readFileSync } from 'node:fs';

/** Prints what cdk-nag found in the last synth (cdk.out/validation-report.json), in one line a person can read. */
const report = JSON.parse(readFileSync('cdk.out/validation-report.json', 'utf8')) as {
  pluginReports: {
    pluginName?: string;
    violations?: { ruleName: string; violatingResources: unknown[] }[];
  }[];
};
const violations = report.pluginReports.flatMap((p) => p.violations ?? []);
const findings = violations.reduce((n, v) => n + v.violatingResources.length, 0);
if (findings === 0) {
  process.stdout.write('cdk-nag AwsSolutions: 0 unacknowledged findings\n');
} else {
  for (const v of violations) process.stdout.write(`  ${v.ruleName}: ${v.violatingResources.length}\n`);
  process.stdout.write(`cdk-nag AwsSolutions: ${findings} unacknowledged findings\n`);
  process.exitCode = 1;
}
