/** The CloudWatch namespace of the metrics the functions emit; infra/ alarms on them. */
export const metricsNamespace = 'MetlibNominations';

/** The one dimension of every metric (shared/metrics.ts), which infra/ alarms read: the function's name. */
export const metricDimension = 'FunctionName';

/** What the functions count, by the name CloudWatch gets. */
export const metricNames = {
  /** Decided nominations (selected or not selected) still not notified when decisions were checked. */
  decidedNotNotified: 'DecidedNotNotified',
  /** Planned schedules a sync could not bring in line with the timeline. */
  schedulesPending: 'SchedulesPending',
} as const;

export type MetricName = (typeof metricNames)[keyof typeof metricNames];
