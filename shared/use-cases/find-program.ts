import { programs } from '#events/programs/index';
import { NotFoundError } from '../domain/errors.ts';
import type { Program } from '../domain/program.ts';

export const findProgram = (programId: string): Program => {
  const program = programs.get(programId);
  if (!program) throw new NotFoundError(`There is no program "${programId}"`);
  return program;
};
