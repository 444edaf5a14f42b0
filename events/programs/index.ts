import type { Program } from '#shared/domain/program';
import { metlib2024 } from './metlib-2024.ts';

/**
 * Every program the system serves, by id. Adding a cohort is adding a file here. `checkProgram`
 * validates each when the app is synthesized and when the local stack starts.
 */
export const programs: ReadonlyMap<string, Program> = new Map([[metlib2024.id, metlib2024]]);
