import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionEntry } from '#functions/catalog';
import { environmentFor, type FunctionResources } from '#functions/environment';
import { edgeOff, grantedVariables } from '#shared/environment';
import { localFunctionArn } from './lambda-context.mjs';
import { localDefaults, projectRoot } from './settings.ts';
import { asCatalogFunction, enforceTableAccess } from './table-access.ts';

export const localLinkSecretName = 'metlib-nominations/link-secret';

/** The name the origin secret has in the local Secrets Manager emulator, when a stack is given one. */
export const localEdgeSecretName = 'metlib-nominations/edge-origin-secret';

/** The local stack's table and emulators, and stand-ins for the AWS resources it has no use for. */
export const localResources = (options: {
  tableName: string;
  mailFrom: string;
  organizerEmails: readonly string[];
  endpoints: NonNullable<FunctionResources['endpoints']>;
  intakeLimits?: FunctionResources['intakeLimits'];
  siteUrl: string;
  /** The public half of the key in the Secrets Manager emulator (local/secrets-manager.ts). */
  linkPublicKeys: string;
  edgeSecret?: string;
}): FunctionResources => ({
  intakeLimits: localDefaults.intakeLimits,
  // The name the local stack's Secrets Manager emulator holds the private key under.
  linkSecret: localLinkSecretName,
  // No CloudFront stands in front of the local gateway, unless a stack is given an origin secret.
  edgeSecret: edgeOff,
  ...options,
  // Each local stack has a Scheduler emulator of its own: a group is named by its program alone.
  scheduleGroupPrefix: '',
  functionArn: localFunctionArn,
  schedulerRoleArn: 'arn:aws:iam::000000000000:role/metlib-nominations-scheduler',
  schedulerDeadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:metlib-nominations-schedules-dlq',
  bundleFilesFolder: (files) => join(projectRoot, files.from),
});

const restore = (saved: Record<string, string | undefined>) => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
};

/**
 * An entry's handler, loaded as Lambda would start it: with the variables its catalog entry
 * grants and no other. Every handler of the local stack shares this process's environment, and
 * handlers read their configuration when their module loads; so while it loads, process.env
 * holds the common variables (region, credentials, Powertools, the clock) and this entry's
 * own, and afterwards what it held before. As it runs, its DynamoDB commands are held to its
 * catalog entry's `access.table`, as its role holds them on AWS (./table-access.ts).
 */
export const loadHandler = async <T>(entry: FunctionEntry, resources: FunctionResources): Promise<T> => {
  const granted = environmentFor(entry, resources);
  const names = Object.values(grantedVariables);
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  for (const name of names) delete process.env[name];
  Object.assign(process.env, granted);
  enforceTableAccess();
  try {
    const { handler } = (await import(pathToFileURL(join(projectRoot, entry.entry)).href)) as {
      handler: (...args: never[]) => unknown;
    };
    return asCatalogFunction(entry, handler) as T;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${entry.name} failed to load with the variables its catalog entry grants (${Object.keys(granted).join(', ') || 'none'}): ${message}`,
      { cause: error },
    );
  } finally {
    restore(saved);
  }
};
