import { localEnvironment } from '../../local/settings.ts';

/**
 * How big the volume tests are. The suite runs a smaller version of each (a year of 24
 * nominations, 100 posts from a flood, a dozen generated requests a route) so that it stays a few
 * minutes on two cores; `npm run test:volume` runs them at full size.
 */
export const fullVolume = localEnvironment.fullVolume;

/** The suite's size, or the full one under `npm run test:volume`. */
export const sized = <T>(suite: T, full: T): T => (fullVolume ? full : suite);
