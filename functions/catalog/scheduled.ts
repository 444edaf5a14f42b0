/** What the schedules run: the sync itself, the timeline's events, the certificates and the decisions check. */
import { variables } from '#shared/environment';
import { metricNames } from '#shared/metric-names';
import { certificateFonts, type FunctionEntry, reads, transitionAccess } from './entry.ts';

export const syncSchedules: FunctionEntry = {
  name: 'SyncSchedules',
  entry: 'functions/sync-schedules.ts',
  description: 'Creates, updates and deletes program schedules to match the timelines',
  runOnDeploy: true,
  // Also every hour, so a sync that left schedules pending repairs itself; a run that finds
  // everything in line only lists and reads the schedules.
  every: { minutes: 60 },
  alarms: [
    {
      metric: metricNames.schedulesPending,
      description:
        'A schedule sync could not bring every program schedule in line with its timeline: a reminder, a decision-day run or the certificates may not fire. The hourly sync retries; if the alarm stays raised, read the SyncSchedules logs ("schedules not synced", "pending") and fix the cause.',
      everyRun: true,
    },
  ],
  access: { table: ['GetItem'], manageSchedules: true },
  timeoutSeconds: 120,
};

export const runTimelineEvent: FunctionEntry = {
  name: 'RunTimelineEvent',
  entry: 'functions/run-timeline-event.ts',
  description:
    'Decision readiness, decisions due, the reserve list’s close, reminders and the evaluation request, as scheduled',
  scheduleTarget: {
    kinds: [
      'decision-readiness',
      'decisions-due',
      'reserve-closes',
      'reminder',
      'evaluation',
      'evaluation-reminder',
    ],
    arnVariable: variables.TIMELINE_FUNCTION_ARN,
  },
  // DeleteItem: closing the reserve list gives each reserve's rank item back. ConditionCheckItem:
  // an email filed with a nomination is written only while its lifetime is as read.
  access: { ...transitionAccess, table: [...transitionAccess.table, 'ConditionCheckItem'] },
  timeoutSeconds: 300,
};

export const issueCertificates: FunctionEntry = {
  // Its own function: pdf-lib and fontkit, about three quarters of its bundle, are not for the
  // monthly reminders to load at every cold start.
  name: 'IssueCertificates',
  entry: 'functions/issue-certificates.ts',
  description: 'Participation certificates as PDF, mailed to each participant, as scheduled',
  scheduleTarget: { kinds: ['certificates'], arnVariable: variables.CERTIFICATE_FUNCTION_ARN },
  access: {
    table: [...reads, 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
    organizerEmails: true,
    signLinks: true,
    siteUrl: true,
  },
  timeoutSeconds: 300,
  bundleFiles: certificateFonts,
};

export const checkDecisionsNotified: FunctionEntry = {
  name: 'CheckDecisionsNotified',
  entry: 'functions/check-decisions-notified.ts',
  description: 'An hour after decisions are due, counts the decided nominations still not notified',
  scheduleTarget: { kinds: ['decisions-check'], arnVariable: variables.DECISIONS_CHECK_FUNCTION_ARN },
  alarms: [
    {
      metric: metricNames.decidedNotNotified,
      description:
        'An hour after decisions were due, some decided nominations have still not been told (the CheckDecisionsNotified log lists their ids). Look at each in the staff console, then notify them (Notify decisions, POST /programs/{programId}/notifications).',
    },
  ],
  access: { table: reads },
  timeoutSeconds: 60,
};
