import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from './app.ts';

const cdkJson = JSON.parse(readFileSync(join(import.meta.dirname, '../cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/** The app as `cdk synth` builds it, from cdk.json's context; without bundling unless asked. */
export const synthApp = (
  options: { context?: Record<string, unknown>; bundle?: boolean; outdir?: string } = {},
) =>
  buildApp(
    new App({
      ...(options.outdir ? { outdir: options.outdir } : {}),
      context: {
        ...cdkJson.context,
        // Asset metadata tells which cdk.out folder holds each function's bundle.
        ...(options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] }),
        ...options.context,
      },
    }),
  );
