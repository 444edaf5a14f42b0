import { variables } from './environment.ts';
import { logger } from './logger.ts';
import { type MetricName, metricsNamespace } from './metric-names.ts';

/**
 * Emits a count as a log line in CloudWatch's embedded metric format: on AWS, CloudWatch Logs
 * turns the line into a metric of `metricsNamespace`, by the function's name (each stage's
 * functions have their own names, so stages sharing an account keep their metrics apart); locally
 * it is just a log line. A count above zero is logged as a warning, since it is one, and still
 * reaches CloudWatch when the log level is raised; a zero is information, and a missing zero is
 * the same to the alarms (they treat missing data as fine).
 */
export const emitCount = (name: MetricName, value: number, context: Record<string, unknown> = {}) => {
  const functionName = process.env[variables.AWS_LAMBDA_FUNCTION_NAME] ?? 'local';
  const line = {
    _aws: {
      // The real time, not the local stack's clock: CloudWatch refuses a far-off timestamp.
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: metricsNamespace,
          Dimensions: [['FunctionName']],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    FunctionName: functionName,
    [name]: value,
    ...context,
  };
  if (value > 0) logger.warn(`metric ${name}`, line);
  else logger.info(`metric ${name}`, line);
};
