// The one list of every function. Each entry is written in the file of its area
// (functions/catalog/*.ts); what an entry says, and how to give a function access, is in
// functions/catalog/entry.ts.
import type { FunctionEntry } from './catalog/entry.ts';
import { recordEmailEvent, redriveOutbox, sendEmail } from './catalog/mail.ts';
import {
  confirmNomination,
  getProgram,
  manageNomination,
  renderNominationForm,
  serveParticipantPage,
  submitNomination,
} from './catalog/nominator.ts';
import {
  arrangeMentoringGroups,
  changeProgramSettings,
  recordAttendance,
  sendAnnouncement,
  serveCertificate,
  serveEvaluation,
  updateTimeline,
} from './catalog/program.ts';
import {
  checkDecisionsNotified,
  issueCertificates,
  runTimelineEvent,
  syncSchedules,
} from './catalog/scheduled.ts';
import {
  answerPersonalDataRequest,
  classifyNomination,
  correctNomination,
  decideNominations,
  decideStipend,
  declareConflict,
  exportNominations,
  getNomination,
  listNominations,
  notifyDecisions,
  readCohort,
  renderStaffConsole,
  resendEmail,
  transitionNomination,
} from './catalog/staff.ts';

export * from './catalog/entry.ts';

/**
 * Every Lambda function of the system: its entry file, what triggers it, who may call it and
 * what it may touch. infra/ creates one function, route or trigger and grant per entry; local/
 * mounts the same handlers on the same routes and triggers; functions/environment.ts gives each
 * the variables that come with its access, and no other. Nothing else lists them.
 */
export const catalog: readonly FunctionEntry[] = [
  renderNominationForm,
  getProgram,
  submitNomination,
  confirmNomination,
  manageNomination,
  serveParticipantPage,
  listNominations,
  getNomination,
  transitionNomination,
  decideNominations,
  readCohort,
  decideStipend,
  classifyNomination,
  declareConflict,
  exportNominations,
  correctNomination,
  resendEmail,
  answerPersonalDataRequest,
  notifyDecisions,
  updateTimeline,
  changeProgramSettings,
  arrangeMentoringGroups,
  recordAttendance,
  sendAnnouncement,
  syncSchedules,
  runTimelineEvent,
  issueCertificates,
  serveEvaluation,
  serveCertificate,
  sendEmail,
  redriveOutbox,
  renderStaffConsole,
  recordEmailEvent,
  checkDecisionsNotified,
];
