import { nominationBody, type TestStack } from './test-stack.ts';

/** An organizer's action on a nomination: its name alone, or the body with its details. */
export type Step = string | { action: string; [detail: string]: unknown };

/** Reviewed, selected and told so: a participant of the program. */
export const toParticipant: Step[] = ['review', 'select', 'notify'];

/** Takes a nomination through organizers' actions in turn; a refusal stops the setup with the API's answer. */
export const takeThrough = async (stack: TestStack, token: string, id: string, steps: readonly Step[]) => {
  for (const step of steps) {
    const body = typeof step === 'string' ? { action: step } : step;
    const answer = await stack.api('POST', `/nominations/${id}/transitions`, { token, body });
    if (answer.status !== 200) throw new Error(`${body.action} answered ${answer.status}: ${answer.text}`);
  }
};

/**
 * Nominates a candidate of this name (the form's answers otherwise the fixture's, changed by
 * `shape`) and takes the nomination through the steps: a participant unless told otherwise.
 */
export const seedNomination = async (
  stack: TestStack,
  token: string,
  name: string,
  options: { steps?: readonly Step[]; shape?: (body: ReturnType<typeof nominationBody>) => void } = {},
) => {
  const body = nominationBody();
  body.candidate = { ...body.candidate, name };
  options.shape?.(body);
  const { id } = await stack.nominate(body);
  await takeThrough(stack, token, id, options.steps ?? toParticipant);
  return { id, name, email: body.candidate.email, nominator: body.nominator.email };
};
