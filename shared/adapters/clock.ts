import type { Clock } from '../ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that started at `startsAt` when the real clock read `realStart` and runs `speed` times
 * faster. Every process that reads the same spec reads the same time, which is how the local
 * stack, its handlers and its scheduler agree without talking to each other.
 */
export const virtualClock = (spec: VirtualClockSpec): Clock => ({
  now: () => new Date(Date.parse(spec.startsAt) + (Date.now() - spec.realStart) * spec.speed),
});

export interface VirtualClockSpec {
  startsAt: string;
  realStart: number;
  speed: number;
}

/** "2024-02-01T12:00:00.000Z@1700000000000x3600" */
export const formatClockSpec = (spec: VirtualClockSpec) => `${spec.startsAt}@${spec.realStart}x${spec.speed}`;

export const parseClockSpec = (value: string): VirtualClockSpec => {
  const match = /^(.+)@(\d+)x(\d+(?:\.\d+)?)$/.exec(value);
  if (!match || Number.isNaN(Date.parse(match[1] as string))) {
    throw new Error(`VIRTUAL_CLOCK must look like <ISO instant>@<epoch ms>x<speed>, got "${value}"`);
  }
  return { startsAt: match[1] as string, realStart: Number(match[2]), speed: Number(match[3]) };
};
