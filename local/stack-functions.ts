import { catalog } from '#functions/catalog';
import type { FunctionResources } from '#functions/environment';
import type { Clock } from '#shared/ports';
import type { HttpHandler, MountedRoute } from './gateway.ts';
import { lambdaContext, localFunctionArn } from './lambda-context.mjs';
import { loadHandler } from './load-handler.ts';
import { localConfigurationSet, mailboxSimulator, sentEmailTrigger } from './mail-events.ts';
import type { StreamConsumer, StreamHandler } from './stream-poller.ts';

type Invoke = (event: unknown) => Promise<unknown>;

/** Every catalog function, loaded and placed where its trigger calls it. */
export interface MountedFunctions {
  /** What the gateway routes to. */
  routes: MountedRoute[];
  /** What the stream poller delivers to. */
  consumers: StreamConsumer[];
  /** Scheduler targets, by function ARN. */
  invocable: Map<string, Invoke>;
  /** What runs once at each deploy (the schedule sync). */
  onDeploy: Invoke[];
}

/**
 * Loads each catalog function with the variables its entry grants (./load-handler.ts) and mounts
 * it by its trigger: routes on the gateway, stream consumers on the poller, scheduler targets by
 * ARN, deploy-time runs. SES's reports, which the emulator does not make, come from a consumer
 * that reads each email the mailer marked sent.
 */
export const mountFunctions = async (
  resources: FunctionResources,
  mail: { clock: Clock; from: string },
): Promise<MountedFunctions> => {
  const mounted: MountedFunctions = { routes: [], consumers: [], invocable: new Map(), onDeploy: [] };
  for (const entry of catalog) {
    const context = () => lambdaContext(entry.name, entry.timeoutSeconds);
    if (entry.scheduleTarget || entry.runOnDeploy || entry.every) {
      const handler = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(
        entry,
        resources,
      );
      const invoke = (event: unknown) => handler(event, context());
      mounted.invocable.set(localFunctionArn(entry.name), invoke);
      if (entry.runOnDeploy) mounted.onDeploy.push(invoke);
    }
    if (entry.routes) {
      const handler = await loadHandler<HttpHandler>(entry, resources);
      for (const route of entry.routes)
        mounted.routes.push({ ...route, functionName: entry.name, handler, context });
    }
    if (entry.stream) {
      const handler = await loadHandler<StreamHandler>(entry, resources);
      mounted.consumers.push({ functionName: entry.name, trigger: entry.stream, handler, context });
    }
    if (entry.mailEvents) {
      const record = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(
        entry,
        resources,
      );
      const handler = mailboxSimulator({ record, context, configurationSet: localConfigurationSet, ...mail });
      mounted.consumers.push({ functionName: entry.name, trigger: sentEmailTrigger, handler, context });
    }
  }
  return mounted;
};
