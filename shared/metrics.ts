import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsFunctionName } from './config.ts';
import { logger } from './logger.ts';
import { type MetricName, metricDimension, metricsNamespace } from './metric-names.ts';

/**
 * Powertools Metrics, writing CloudWatch's embedded metric format to standard output: on AWS,
 * CloudWatch Logs turns each line into a metric of `metricsNamespace`. Only the functions that
 * count something import this module, so the others' bundles do without it.
 *
 * Its one dimension is the function's name (each stage's functions have their own names, so
 * stages sharing an account keep their metrics apart): the `service` dimension Powertools adds
 * by default is taken off, so the metrics keep the dimensions the alarms in infra/alarms.ts read.
 */
const metrics = new Metrics({ namespace: metricsNamespace });
metrics.clearDefaultDimensions();

/**
 * Emits a count, at once. A count above zero is also logged as a warning, since it is one; a
 * zero as information (a missing zero is the same to the alarms: they treat missing data as
 * fine). `context` goes with the metric as metadata and with the log line.
 */
export const emitCount = (name: MetricName, value: number, context: Record<string, unknown> = {}) => {
  metrics.addDimension(metricDimension, metricsFunctionName());
  for (const [key, detail] of Object.entries(context)) metrics.addMetadata(key, String(detail));
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
  if (value > 0) logger.warn(`metric ${name}`, { [name]: value, ...context });
  else logger.info(`metric ${name}`, { [name]: value, ...context });
};
