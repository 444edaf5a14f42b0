import type { Actor } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import { ForbiddenError, ValidationError } from '../domain/errors.ts';
import {
  type EvaluationResponse,
  evaluationClosesAt,
  evaluationOpensAt,
  evaluationResults,
  evaluationState,
  readAnswers,
} from '../domain/evaluation.ts';
import { isParticipant } from '../domain/nomination-states.ts';
import { formatInZone } from '../domain/time.ts';
import type { Clock, EvaluationStore, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { participantOf } from './participant-links.ts';
import { participants } from './timeline-occasion.ts';

export interface EvaluationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  evaluations: EvaluationStore;
  clock: Clock;
  links: LinkSigner;
}

/** The participant a page link names, their program, and their answers so far. */
export const evaluationForm = async (deps: EvaluationDeps, token: string) => {
  const {
    nomination,
    stored: { program },
  } = await participantOf(deps, token);
  if (!isParticipant(nomination))
    throw new ForbiddenError('The evaluation is for the participants of the program');
  const now = deps.clock.now();
  return {
    nomination,
    program,
    state: evaluationState(program, now),
    opensAt: evaluationOpensAt(program),
    closesAt: evaluationClosesAt(program),
    response: await deps.evaluations.get(nomination.id),
  };
};

export type EvaluationFormView = Awaited<ReturnType<typeof evaluationForm>>;

/**
 * A participant answers the evaluation, or changes their answers, from their page:
 * only while it is open (403 before or after, saying when); each question as the program asks it
 * (400 naming each problem, nothing saved); at the version their form was shown (409 with the
 * answers as saved, for a change made in another window).
 */
export const answerEvaluation = async (
  deps: EvaluationDeps,
  token: string,
  body: Record<string, unknown>,
): Promise<EvaluationResponse> => {
  const form = await evaluationForm(deps, token);
  const { program, nomination, response } = form;
  if (form.state === 'not-yet-open')
    throw new ForbiddenError(
      `The evaluation opens on ${form.opensAt ? formatInZone(form.opensAt, program.timeZone) : 'a date still to be set'}`,
    );
  if (form.state === 'closed')
    throw new ForbiddenError(
      `The evaluation closed at the end of ${formatInZone(new Date(form.closesAt.getTime() - 60_000), program.timeZone)}; answers can no longer be given or changed`,
    );
  const { version: versionGiven, ...given } = body;
  const { answers, issues } = readAnswers(program.evaluation.questions, given);
  if (issues.length) throw new ValidationError('Some answers need your attention', issues);
  const expectedVersion = versionGiven === undefined ? (response?.version ?? 0) : Number(versionGiven);
  const at = deps.clock.now().toISOString();
  const saved = {
    nominationId: nomination.id,
    answers,
    submittedAt: response?.submittedAt ?? at,
    updatedAt: at,
  };
  const version = await deps.evaluations.save(
    saved,
    Number.isInteger(expectedVersion) ? expectedVersion : -1,
  );
  return { ...saved, version };
};

/** The responses of the program's participants, in their order. */
const responsesOf = async (deps: Pick<EvaluationDeps, 'nominations' | 'evaluations'>, programId: string) => {
  const people = await participants(deps.nominations, programId);
  const responses: EvaluationResponse[] = [];
  for (const n of people) {
    const response = await deps.evaluations.get(n.id);
    if (response) responses.push(response);
  }
  return { people, responses };
};

/** Who has not answered: the reminder's recipients. */
export const nonRespondents = async (
  deps: Pick<EvaluationDeps, 'nominations' | 'evaluations'>,
  programId: string,
) => {
  const { people, responses } = await responsesOf(deps, programId);
  const answered = new Set(responses.map((r) => r.nominationId));
  return people.filter((n) => !answered.has(n.id));
};

/**
 * The results for staff: how many were asked and answered, each question's distribution (or its
 * texts), and the share who would recommend the program. Nobody's name is attached to an answer.
 */
export const readEvaluationResults = async (
  deps: Pick<EvaluationDeps, 'nominations' | 'evaluations' | 'programs' | 'clock'>,
  programId: string,
  actor: Actor,
) => {
  authorize(actor, 'read-cohort', { programId });
  const { program } = await deps.programs.require(programId);
  const { people, responses } = await responsesOf(deps, programId);
  const questions = evaluationResults(program.evaluation.questions, responses);
  const recommend = questions.find((q) => q.kind === 'recommend');
  return {
    programId,
    state: evaluationState(program, deps.clock.now()),
    closesOn: program.evaluation.closesOn,
    participants: people.length,
    responded: responses.length,
    recommendRate: recommend && 'rate' in recommend ? recommend.rate : null,
    questions,
    /** For the CSV: each response, in no particular order, with its answers only. */
    responses: responses
      .map((r) => ({ submittedAt: r.submittedAt, updatedAt: r.updatedAt, answers: r.answers }))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
  };
};
