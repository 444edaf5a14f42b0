/** The public side: the form, the program, submission and the private links of nominators and participants. */
import { type FunctionEntry, programPartitions, reads, transitionAccess } from './entry.ts';

export const renderNominationForm: FunctionEntry = {
  name: 'RenderNominationForm',
  entry: 'functions/render-nomination-form.ts',
  description: 'The hosted nomination form, its confirmation page, the privacy notice and robots.txt',
  routes: [
    { method: 'GET', path: '/' },
    { method: 'GET', path: '/programs/{programId}/nominate' },
    { method: 'GET', path: '/programs/{programId}/nominate/submitted' },
    { method: 'GET', path: '/programs/{programId}/privacy' },
    { method: 'GET', path: '/robots.txt' },
  ],
  // It reads a program's stored timeline, settings and groups: nothing outside its partition.
  access: { table: ['GetItem'], partitions: programPartitions },
};

export const getProgram: FunctionEntry = {
  name: 'GetProgram',
  entry: 'functions/get-program.ts',
  description: 'Public program information: window, decision date, timeline, themes',
  routes: [{ method: 'GET', path: '/programs/{programId}' }],
  access: { table: ['GetItem'], partitions: programPartitions },
};

export const submitNomination: FunctionEntry = {
  name: 'SubmitNomination',
  entry: 'functions/submit-nomination.ts',
  description: 'Accepts a nomination as JSON or from the form, and asks its nominator to confirm it',
  routes: [{ method: 'POST', path: '/programs/{programId}/nominations' }],
  access: { table: ['GetItem', 'PutItem', 'UpdateItem'], signLinks: true, intakeLimits: true },
};

export const confirmNomination: FunctionEntry = {
  name: 'ConfirmNomination',
  entry: 'functions/confirm-nomination.ts',
  description: 'The nominator confirms a nomination from the link in their email',
  // A path parameter, not a query string: API Gateway's access log records the route, not the token.
  routes: [
    { method: 'GET', path: '/nominations/confirm/{token}' },
    { method: 'POST', path: '/nominations/confirm/{token}' },
  ],
  // Checks the confirmation link; mints none (the nominator's links came with the submission).
  access: { table: [...reads, 'PutItem', 'UpdateItem'], verifyLinks: true },
};

export const manageNomination: FunctionEntry = {
  name: 'ManageNomination',
  entry: 'functions/manage-nomination.ts',
  description: "The nominator's private page: see, correct or withdraw the nomination",
  routes: [
    { method: 'GET', path: '/nominations/manage/{token}' },
    { method: 'POST', path: '/nominations/manage/{token}' },
    { method: 'GET', path: '/nominations/manage/{token}/edit' },
    { method: 'GET', path: '/nominations/manage/{token}/withdraw' },
    { method: 'POST', path: '/nominations/manage/{token}/withdraw' },
  ],
  // The one public route with DeleteItem: its signed link is the nominator's key to one
  // nomination, and what it deletes (the guard it moves or gives back, an address item it no
  // longer has) is conditioned on being that nomination's own. The intake limits: a correction's
  // emails count against the same per-address limit as a submission's.
  access: {
    table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
    verifyLinks: true,
    intakeLimits: true,
  },
};

export const serveParticipantPage: FunctionEntry = {
  name: 'ServeParticipantPage',
  entry: 'functions/serve-participant-page.ts',
  description:
    'A participant’s own page from their private link: meetings ahead, calendar feed, a new link, leaving the program',
  routes: [
    { method: 'GET', path: '/participants/{token}' },
    { method: 'POST', path: '/participants/{token}/calendar' },
    { method: 'POST', path: '/participants/{token}/new-link' },
    { method: 'GET', path: '/participants/{token}/leave' },
    { method: 'POST', path: '/participants/{token}/leave' },
    { method: 'GET', path: '/calendars/{token}' },
  ],
  // DeleteItem: leaving gives the candidate's guard back, as a withdrawal does.
  access: transitionAccess,
};
