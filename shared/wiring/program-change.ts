import { clockFromEnv } from '../config.ts';
import { participantPagesFromEnv } from './participant-pages.ts';
import { freshPrograms } from './programs.ts';
import { scheduleRegistry } from './schedules.ts';
import { nominationStore } from './table.ts';

/**
 * What a change of program data needs (the timeline, the settings): the Scheduler, the programs
 * read fresh, and the nominations (the participants told, what has happened).
 */
export const programChangeDeps = () => ({
  ...scheduleRegistry(),
  programs: freshPrograms(),
  nominations: nominationStore(),
  clock: clockFromEnv(),
  pages: participantPagesFromEnv(),
});
