/** Running the program once its cohort is chosen: timeline, settings, groups, attendance, announcements, evaluation, certificates on demand. */
import { certificateFonts, type FunctionEntry, reads } from './entry.ts';

export const updateTimeline: FunctionEntry = {
  name: 'UpdateTimeline',
  entry: 'functions/update-timeline.ts',
  description:
    'Changes a program’s timeline, tells participants of what moved or went, and brings its schedules in line',
  routes: [
    { method: 'GET', path: '/programs/{programId}/timeline', staff: true },
    { method: 'PUT', path: '/programs/{programId}/timeline', staff: true },
  ],
  // Query: the participants, who are told of a meeting moved or cancelled.
  access: {
    table: [...reads, 'ConditionCheckItem', 'PutItem'],
    manageSchedules: true,
    signLinks: true,
    siteUrl: true,
  },
  timeoutSeconds: 60,
};

export const changeProgramSettings: FunctionEntry = {
  name: 'ChangeProgramSettings',
  entry: 'functions/change-program-settings.ts',
  description:
    'A program’s settings (window, decision date, capacity, stipends, contact…) and their changes, for organizers',
  routes: [
    { method: 'GET', path: '/programs/{programId}/settings', staff: true },
    { method: 'PUT', path: '/programs/{programId}/settings', staff: true },
  ],
  access: {
    table: [...reads, 'ConditionCheckItem', 'PutItem'],
    manageSchedules: true,
    signLinks: true,
    siteUrl: true,
  },
  timeoutSeconds: 60,
};

export const arrangeMentoringGroups: FunctionEntry = {
  name: 'ArrangeMentoringGroups',
  entry: 'functions/arrange-mentoring-groups.ts',
  description:
    'The mentoring groups (mentor, members, sessions) for staff; organizers change them and the participants concerned are told',
  routes: [
    { method: 'GET', path: '/programs/{programId}/mentoring-groups', staff: true },
    { method: 'PUT', path: '/programs/{programId}/mentoring-groups', staff: true },
  ],
  access: { table: [...reads, 'ConditionCheckItem', 'PutItem'], signLinks: true, siteUrl: true },
  timeoutSeconds: 30,
};

export const recordAttendance: FunctionEntry = {
  name: 'RecordAttendance',
  entry: 'functions/record-attendance.ts',
  description:
    'The registers of the meetings and each participant’s attendance, for staff; organizers keep them',
  routes: [
    { method: 'GET', path: '/programs/{programId}/attendance', staff: true },
    { method: 'PUT', path: '/programs/{programId}/attendance/{eventId}', staff: true },
  ],
  access: { table: [...reads, 'PutItem'] },
};

export const sendAnnouncement: FunctionEntry = {
  name: 'SendAnnouncement',
  entry: 'functions/send-announcement.ts',
  description:
    'Organizers write to participants, a mentoring group, the reserve list or every applicant: preview, send once per recipient, list',
  routes: [
    { method: 'GET', path: '/programs/{programId}/announcements', staff: true },
    { method: 'POST', path: '/programs/{programId}/announcements', staff: true },
    { method: 'POST', path: '/programs/{programId}/announcements/preview', staff: true },
  ],
  access: { table: [...reads, 'ConditionCheckItem', 'PutItem'], signLinks: true, siteUrl: true },
  timeoutSeconds: 60,
};

export const serveEvaluation: FunctionEntry = {
  name: 'ServeEvaluation',
  entry: 'functions/serve-evaluation.ts',
  description:
    'The hosted evaluation: each participant’s form on their own page, and the results and answers (CSV) for staff',
  routes: [
    { method: 'GET', path: '/participants/{token}/evaluation' },
    { method: 'POST', path: '/participants/{token}/evaluation' },
    { method: 'GET', path: '/programs/{programId}/evaluation', staff: true },
    { method: 'GET', path: '/programs/{programId}/evaluation.csv', staff: true },
  ],
  access: { table: [...reads, 'PutItem'], verifyLinks: true },
};

export const serveCertificate: FunctionEntry = {
  name: 'ServeCertificate',
  entry: 'functions/serve-certificate.ts',
  description:
    'A participant’s certificate on demand: downloaded from their page, or issued again by organizers after a correction',
  routes: [
    { method: 'GET', path: '/participants/{token}/certificate' },
    { method: 'POST', path: '/nominations/{id}/certificate', staff: true },
  ],
  access: { table: [...reads, 'PutItem', 'UpdateItem'], signLinks: true, siteUrl: true },
  timeoutSeconds: 30,
  bundleFiles: certificateFonts,
};
