import type { RunningStack } from './stack-types.ts';

/** CPU seconds of this process (every function, the gateway, the emulators) and of DynamoDB Local's JVM. */
export interface CpuSeconds {
  functions: number;
  /** Only for a stack that started its own DynamoDB Local. */
  dynamoDbLocal?: number;
}

type Measured = Pick<RunningStack, 'dynamoDbCpuSeconds'>;

const tenths = (seconds: number) => Math.round(seconds * 10) / 10;

/**
 * Starts counting the CPU a run uses; the function returned tells how much since. Started before
 * the stack is (no `stack` yet), the JVM's share counts from its own start.
 */
export const countCpu = (stack?: Measured) => {
  const cpu = process.cpuUsage();
  const jvmAtStart = stack?.dynamoDbCpuSeconds() ?? 0;
  return (running: Measured): CpuSeconds => {
    const used = process.cpuUsage(cpu);
    const jvm = running.dynamoDbCpuSeconds();
    return {
      functions: tenths((used.user + used.system) / 1_000_000),
      ...(jvm === undefined ? {} : { dynamoDbLocal: tenths(jvm - jvmAtStart) }),
    };
  };
};
