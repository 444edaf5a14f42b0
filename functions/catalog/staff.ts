/** What staff do with nominations: list, read, review, decide, correct, export, and the console itself. */
import { variables } from '#shared/environment';
import { type FunctionEntry, reads, transitionAccess } from './entry.ts';

export const listNominations: FunctionEntry = {
  name: 'ListNominations',
  entry: 'functions/list-nominations.ts',
  description: 'Lists a program’s nominations by status, a page at a time',
  routes: [{ method: 'GET', path: '/programs/{programId}/nominations', staff: true }],
  access: { table: reads },
};

export const getNomination: FunctionEntry = {
  name: 'GetNomination',
  entry: 'functions/get-nomination.ts',
  description: 'One nomination with its history and emails',
  routes: [{ method: 'GET', path: '/nominations/{id}', staff: true }],
  access: { table: reads },
};

export const transitionNomination: FunctionEntry = {
  name: 'TransitionNomination',
  entry: 'functions/transition-nomination.ts',
  description:
    'Review, select, reject, reserve, notify, offer a place, close a reserve or withdraw a nomination',
  routes: [{ method: 'POST', path: '/nominations/{id}/transitions', staff: true }],
  // DeleteItem: a withdrawal gives the candidate's guard back, leaving the reserve its rank item.
  access: transitionAccess,
};

export const decideNominations: FunctionEntry = {
  name: 'DecideNominations',
  entry: 'functions/decide-nominations.ts',
  description: 'Selects, rejects or puts on the reserve list several nominations, each on its own',
  routes: [{ method: 'POST', path: '/programs/{programId}/decisions', staff: true }],
  access: transitionAccess,
  timeoutSeconds: 60,
};

export const readCohort: FunctionEntry = {
  name: 'ReadCohort',
  entry: 'functions/read-cohort.ts',
  description: 'The cohort’s composition, and how considered decisions would change it',
  routes: [
    { method: 'GET', path: '/programs/{programId}/cohort', staff: true },
    { method: 'GET', path: '/regions', staff: true },
  ],
  access: { table: reads },
  timeoutSeconds: 30,
};

export const decideStipend: FunctionEntry = {
  name: 'DecideStipend',
  entry: 'functions/decide-stipend.ts',
  description: 'Awards, declines or does not award a participant’s travel stipend',
  routes: [{ method: 'PUT', path: '/nominations/{id}/stipend', staff: true }],
  access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
};

export const classifyNomination: FunctionEntry = {
  name: 'ClassifyNomination',
  entry: 'functions/classify-nomination.ts',
  description: 'Corrects the region or Global South status a nomination’s country implies, audited',
  routes: [{ method: 'PUT', path: '/nominations/{id}/classification', staff: true }],
  access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
};

export const declareConflict: FunctionEntry = {
  name: 'DeclareConflict',
  entry: 'functions/declare-conflict.ts',
  description: 'Records a conflict of interest with a nomination; the declarer no longer reviews it',
  routes: [{ method: 'POST', path: '/nominations/{id}/conflicts', staff: true }],
  access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
};

export const exportNominations: FunctionEntry = {
  name: 'ExportNominations',
  entry: 'functions/export-nominations.ts',
  description: 'Every nomination of a program with its reviews as CSV, for organizers',
  routes: [{ method: 'GET', path: '/programs/{programId}/nominations.csv', staff: true }],
  // It writes the export's audit entry on the program.
  access: { table: [...reads, 'PutItem'] },
  timeoutSeconds: 60,
};

export const correctNomination: FunctionEntry = {
  name: 'CorrectNomination',
  entry: 'functions/correct-nomination.ts',
  description: 'Corrects the candidate’s or nominator’s name or email, audited',
  routes: [{ method: 'PATCH', path: '/nominations/{id}', staff: true }],
  access: { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
};

export const resendEmail: FunctionEntry = {
  name: 'ResendEmail',
  entry: 'functions/resend-email.ts',
  description: 'Queues a copy of a nomination’s email to its current addresses',
  routes: [{ method: 'POST', path: '/nominations/{id}/emails/{key}/resend', staff: true }],
  access: { table: [...reads, 'PutItem', 'UpdateItem'] },
};

export const answerPersonalDataRequest: FunctionEntry = {
  name: 'AnswerPersonalDataRequest',
  entry: 'functions/answer-personal-data-request.ts',
  description: 'Exports or erases everything stored about one email address, for organizers',
  routes: [
    { method: 'POST', path: '/personal-data/export', staff: true },
    { method: 'POST', path: '/personal-data/erase', staff: true },
  ],
  access: { table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'] },
};

export const notifyDecisions: FunctionEntry = {
  name: 'NotifyDecisions',
  entry: 'functions/notify-decisions.ts',
  description: 'Notifies every decided nomination of a program',
  routes: [{ method: 'POST', path: '/programs/{programId}/notifications', staff: true }],
  access: { table: [...reads, 'PutItem', 'UpdateItem'], signLinks: true, siteUrl: true },
  timeoutSeconds: 60,
};

export const renderStaffConsole: FunctionEntry = {
  name: 'RenderStaffConsole',
  entry: 'functions/render-staff-console.ts',
  description: 'The staff console: its page, its static files and its sign-in settings',
  // Listed one by one rather than as /staff/{proxy+}: the local gateway has no greedy parameter.
  // /staff also answers /staff/, as API Gateway routes a path with a trailing slash.
  routes: [
    { method: 'GET', path: '/staff' },
    { method: 'GET', path: '/staff/callback' },
    { method: 'GET', path: '/staff/config.json' },
    { method: 'GET', path: '/staff/assets/{file}' },
    { method: 'GET', path: '/staff/nominations/{id}' },
    { method: 'GET', path: '/staff/personal-data' },
    { method: 'GET', path: '/staff/cohort' },
    { method: 'GET', path: '/staff/program' },
    { method: 'GET', path: '/staff/groups' },
    { method: 'GET', path: '/staff/attendance' },
    { method: 'GET', path: '/staff/announcements' },
    { method: 'GET', path: '/staff/evaluation' },
    { method: 'GET', path: '/staff/timeline' },
  ],
  access: { consoleSignIn: true },
  bundleFiles: {
    from: 'console/dist',
    files: ['index.html', 'assets'],
    folder: 'console',
    environmentVariable: variables.CONSOLE_ASSET_DIR,
  },
};
