import { nominationBody, type Step, type TestStack, toParticipant } from './test-stack.ts';

/**
 * Nominates a candidate of this name (the form's answers otherwise the fixture's, changed by
 * `shape`) and takes the nomination through the steps: a participant unless told otherwise.
 */
export const seedNomination = async (
  stack: Pick<TestStack, 'nominate' | 'takeThrough'>,
  token: string,
  name: string,
  options: { steps?: readonly Step[]; shape?: (body: ReturnType<typeof nominationBody>) => void } = {},
) => {
  const body = nominationBody();
  body.candidate = { ...body.candidate, name };
  options.shape?.(body);
  const { id } = await stack.nominate(body);
  await stack.takeThrough(id, options.steps ?? toParticipant, token);
  return { id, name, email: body.candidate.email, nominator: body.nominator.email };
};
